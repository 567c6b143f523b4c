import CGit2

/// libgit2's process-wide initialisation, done once before the first use (SWIFT-NOTES:
/// `git_libgit2_init` is ref-counted and must not race with other threads' first calls).
enum GitLibrary {
    private static let initialised: Int32 = {
        let result = git_libgit2_init()
        // Objects are checked against their ids as they are read, so a corrupt object is an
        // error instead of wrong desired state.
        _ = cgit2_set_strict_hash_verification(1)
        return result
    }()

    /// Call at the top of every entry point; cheap after the first call.
    static func ensureInitialised() {
        _ = initialised
    }
}
