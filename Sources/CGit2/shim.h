// libgit2 for Swift: the public header plus typed wrappers for its variadic calls, which
// Swift cannot call directly.
#ifndef HEATSYNC_CGIT2_SHIM_H
#define HEATSYNC_CGIT2_SHIM_H
#include <git2.h>

/// git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path): a custom CA for HTTPS remotes.
static inline int cgit2_set_ssl_cert_locations(const char *file, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
}

/// git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path): where global/system config is read.
static inline int cgit2_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

/// git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled): check object ids on read.
static inline int cgit2_set_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}
#endif
