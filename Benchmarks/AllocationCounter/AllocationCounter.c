// glibc lets a program replace malloc (the executable's definition wins for every library);
// these wrappers count, then hand over to glibc's own allocator, so free() stays glibc's.
#include "AllocationCounter.h"
#include <stddef.h>

#if defined(__linux__) && defined(__GLIBC__)
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);

static uint64_t allocations;
static uint64_t bytes;

static inline void count(size_t size) {
    __atomic_fetch_add(&allocations, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&bytes, size, __ATOMIC_RELAXED);
}

void *malloc(size_t size) {
    count(size);
    return __libc_malloc(size);
}

void *calloc(size_t number, size_t size) {
    count(number * size);
    return __libc_calloc(number, size);
}

void *realloc(void *pointer, size_t size) {
    count(size);
    return __libc_realloc(pointer, size);
}

uint64_t heatsync_allocation_count(void) { return __atomic_load_n(&allocations, __ATOMIC_RELAXED); }
uint64_t heatsync_allocated_bytes(void) { return __atomic_load_n(&bytes, __ATOMIC_RELAXED); }
#else
uint64_t heatsync_allocation_count(void) { return 0; }
uint64_t heatsync_allocated_bytes(void) { return 0; }
#endif
