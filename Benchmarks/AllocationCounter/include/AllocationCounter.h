// Counts heap allocations of the process that links it (Linux/glibc only; zeros elsewhere).
#ifndef HEATSYNC_ALLOCATION_COUNTER_H
#define HEATSYNC_ALLOCATION_COUNTER_H
#include <stdint.h>

/// malloc + calloc + realloc calls so far (aligned allocations are not counted).
uint64_t heatsync_allocation_count(void);
/// Bytes those calls asked for.
uint64_t heatsync_allocated_bytes(void);
#endif
