import CGit2

/// Writes heatsync's generated status (`status/README.md`, `status/vms.json`) into a commit
/// by a bot identity and pushes it (DESIGN §5): only when the content changed, with a
/// message ending `[skip ci]`, and on a remote that moved meanwhile by fetching, making the
/// commit again on the new tip, and pushing again, a bounded number of times.
///
/// The commit is made anew on the remote's tip rather than rebased: the status is generated
/// whole, so there is nothing to merge, and a status that someone else already pushed
/// makes no commit at all.
///
/// ```swift
/// let committer = StatusCommitter(options: .init(branch: "main"))
/// let result = try committer.commit(["status/README.md": readme, "status/vms.json": json], to: mirror)
/// ```
public struct StatusCommitter: Sendable {
    /// Where and as whom status is committed.
    public struct Options: Sendable {
        /// The branch to commit to: the watched branch, or a separate status branch.
        public var branch: String
        /// The remote to push to, or nil to commit locally only.
        public var remote: String?
        public var identity: GitSignature
        /// The first line of the message; `[skip ci]` is appended.
        public var message: String
        /// Pushes tried before giving up when the remote keeps moving.
        public var maxAttempts: Int
        public var credentials: GitCredentials

        public init(
            branch: String,
            remote: String? = "origin",
            identity: GitSignature = .heatsyncBot,
            message: String = "heatsync: update status",
            maxAttempts: Int = 5,
            credentials: GitCredentials = .none
        ) {
            self.branch = branch
            self.remote = remote
            self.identity = identity
            self.message = message
            self.maxAttempts = maxAttempts
            self.credentials = credentials
        }
    }

    /// What ``commit(_:to:)`` did.
    public struct Result: Sendable, Hashable {
        /// Whether a commit was made (false: the branch already held this status).
        public var committed: Bool
        /// The new commit, or the tip that already held the status.
        public var commit: GitObjectID?
        /// Pushes tried (0 without a remote or without a commit).
        public var pushAttempts: Int
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The message of every status commit (so CI skips it).
    public var message: String { options.message + " [skip ci]" }

    /// Commits `files` (path → bytes) on ``Options/branch`` when they differ from its tip,
    /// then pushes to ``Options/remote``.
    ///
    /// Builds on the remote-tracking branch (`refs/remotes/<remote>/<branch>`) when it
    /// exists, else on the local branch; a branch that exists nowhere starts with a root
    /// commit holding only `files` (a separate status branch).
    ///
    /// - Throws: ``GitError/nonFastForward`` after ``Options/maxAttempts`` rejected pushes;
    ///   the remote's errors (authentication, network) as they come.
    public func commit(_ files: [String: [UInt8]], to repository: GitRepository) throws(GitError) -> Result {
        guard !files.isEmpty else { throw GitError.invalidInput("status commit", "no files") }
        for path in files.keys where !path.hasPrefix("status/") {
            throw GitError.invalidInput("status commit", "\(path) is outside status/; only status/ is written")
        }
        // Moving the checked-out branch of a working repository behind its back would make
        // the working folder look modified; status is committed from a mirror (bare).
        if !repository.isBare, (try? repository.currentBranch()) == options.branch {
            throw GitError.invalidInput(
                "status commit",
                "\(options.branch) is checked out in \(repository.path); commit status from a mirror"
            )
        }
        let changes = files.mapValues { Optional($0) }
        let local = "refs/heads/\(options.branch)"
        guard let remote = options.remote else {
            let tip = try repository.tip(ofReference: local)
            if let tip, try repository.treeMatches(changes, commit: tip) {
                return Result(committed: false, commit: tip, pushAttempts: 0)
            }
            let commit = try repository.commit(
                changes,
                parent: tip,
                message: message,
                author: options.identity,
                updating: local
            )
            return Result(committed: true, commit: commit, pushAttempts: 0)
        }

        let tracking = "refs/remotes/\(remote)/\(options.branch)"
        var lastError = GitError.nonFastForward("push \(options.branch)", "no attempt made")
        for attempt in 1...max(1, options.maxAttempts) {
            if attempt > 1 {
                try repository.fetch(
                    remote: remote,
                    refspecs: ["+\(local):\(tracking)"],
                    credentials: options.credentials
                )
            }
            var tip = try repository.tip(ofReference: tracking)
            if tip == nil { tip = try repository.tip(ofReference: local) }
            if let tip, try repository.treeMatches(changes, commit: tip) {
                return Result(committed: false, commit: tip, pushAttempts: attempt - 1)
            }
            let commit = try repository.commit(
                changes,
                parent: tip,
                message: message,
                author: options.identity,
                updating: local
            )
            do {
                try repository.push(remote: remote, refspecs: ["\(local):\(local)"], credentials: options.credentials)
                try repository.setReference(tracking, to: commit, message: "heatsync: pushed status")
                return Result(committed: true, commit: commit, pushAttempts: attempt)
            } catch  where error == .nonFastForward {
                lastError = error
            }
        }
        throw lastError
    }
}
