public import HeatSyncCore

/// The desired state of a watched branch, kept current by ``refresh()``: a local repository
/// is read as it is, a remote is fetched into a mirror first. A failed fetch or load keeps
/// the last good desired state and marks the source unhealthy until a refresh succeeds, so
/// a network outage never reads as "the repository is empty".
///
/// ```swift
/// let source = try GitDesiredStateSource(.remote(url: url, cacheDirectory: cache), branch: "main")
/// let snapshot = await source.refresh()
/// ```
public actor GitDesiredStateSource {
    /// Where the repository is.
    public enum Location: Sendable {
        case local(path: String)
        case remote(url: String, cacheDirectory: String)
    }

    /// The outcome of the last refresh.
    public enum Health: Sendable, Equatable {
        case healthy
        /// The last refresh failed; ``GitDesiredStateSource/desiredState`` is older.
        case unhealthy(GitError)
    }

    /// A loaded desired state and whether it changed since the previous refresh.
    public struct Snapshot: Sendable {
        public var desiredState: DesiredState?
        public var commit: GitObjectID?
        /// Whether `projects/` or `templates/` changed since the last good load.
        public var desiredStateChanged: Bool
        public var health: Health
    }

    private let repository: GitRepository
    private let location: Location
    private let branch: String
    private let credentials: GitCredentials
    private var loader = GitDesiredStateLoader()
    /// The last good desired state.
    public private(set) var desiredState: DesiredState?
    public private(set) var commit: GitObjectID?
    public private(set) var health = Health.healthy

    public init(_ location: Location, branch: String, credentials: GitCredentials = .none) throws(GitError) {
        switch location {
        case .local(let path): repository = try GitRepository.open(at: path)
        case .remote(let url, let cacheDirectory):
            repository = try GitRepository.mirror(url: url, cacheDirectory: cacheDirectory)
        }
        self.location = location
        self.branch = branch
        self.credentials = credentials
    }

    /// Fetches (for a remote) and loads the branch's tip.
    public func refresh() -> Snapshot {
        do {
            let revision: String
            switch location {
            case .local:
                revision = branch
            case .remote:
                try repository.fetch(
                    remote: "origin",
                    refspecs: ["+refs/heads/\(branch):refs/remotes/origin/\(branch)"],
                    credentials: credentials
                )
                revision = "refs/remotes/origin/\(branch)"
            }
            let tip = try repository.resolve(revision)
            let previous = desiredState?.digest
            let state = try loader.load(repository, commit: tip)
            desiredState = state
            commit = tip
            health = .healthy
            return Snapshot(
                desiredState: state,
                commit: tip,
                desiredStateChanged: previous != state.digest,
                health: health
            )
        } catch {
            health = .unhealthy(error)
            return Snapshot(desiredState: desiredState, commit: commit, desiredStateChanged: false, health: health)
        }
    }

    /// Runs `body` with the repository (for a ``StatusCommitter``), on this actor.
    public func withRepository<T: Sendable>(_ body: (GitRepository) throws(GitError) -> T) throws(GitError) -> T {
        try body(repository)
    }
}
