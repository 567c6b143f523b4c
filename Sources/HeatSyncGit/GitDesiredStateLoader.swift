import CGit2
public import HeatSyncCore

/// Loads the desired state from a commit's tree (never the working folder), incrementally:
/// keep one loader per repository and every load after the first reads only trees and blobs
/// that changed, parses only changed files, and renders only affected projects. A commit
/// whose `projects/` and `templates/` trees are unchanged (a status commit, a README edit)
/// costs two tree-entry lookups and returns the previous state with the new commit id.
///
/// ```swift
/// var loader = GitDesiredStateLoader()
/// let desired = try loader.load(repository, revision: "origin/main")
/// ```
public struct GitDesiredStateLoader: Sendable {
    /// The folders that hold desired state (DESIGN §1); nothing else of a commit is read.
    public static let desiredStateFolders = ["projects", "templates"]

    /// What the last load did.
    public struct Statistics: Sendable, Hashable {
        /// The desired-state trees were unchanged, so the previous state was returned.
        public var reusedWholeState = false
        /// Trees read (the rest were known by id).
        public var treesRead = 0
        /// Blobs read (the rest were known by id).
        public var blobsRead = 0
        /// What the core loader parsed and rendered.
        public var parsing = DesiredStateCache.Statistics()
    }

    private var cache = DesiredStateCache()
    private var listing = GitTreeListing()
    private var last: (key: String, state: DesiredState)?
    /// What the last load did.
    public private(set) var statistics = Statistics()

    public init() {}

    /// The desired state at `revision` (a branch, tag, `origin/main`, a commit id …).
    public mutating func load(_ repository: GitRepository, revision: String) throws(GitError) -> DesiredState {
        try load(repository, commit: try repository.resolve(revision))
    }

    /// The desired state at `commit`.
    public mutating func load(_ repository: GitRepository, commit: GitObjectID) throws(GitError) -> DesiredState {
        GitLibrary.ensureInitialised()
        return try repository.withTree(ofCommit: commit) { root throws(GitError) in
            let key = Self.desiredStateKey(root)
            if let last, last.key == key {
                statistics = Statistics(reusedWholeState: true)
                var state = last.state
                state.commit = commit.hex
                return state
            }
            // The listing cache and the parse cache must agree (a listed-before file is a parsed
            // file): after a failure, start both afresh.
            do throws(GitError) {
                return try loadChanged(repository, commit: commit, root: root, key: key)
            } catch {
                self = GitDesiredStateLoader()
                throw error
            }
        }
    }

    private mutating func loadChanged(
        _ repository: GitRepository,
        commit: GitObjectID,
        root: OpaquePointer,
        key: String
    ) throws(GitError) -> DesiredState {
        var statistics = Statistics()
        let folder = try listing.list(repository, rootTree: root, folders: Self.desiredStateFolders)
        statistics.treesRead = listing.treesRead
        var files: [RepositoryFile] = []
        files.reserveCapacity(folder.files.count)
        let limit = YAMLLimits.manifests.maxFileBytes + 1
        let fresh = listing.freshFiles
        for file in folder.files {
            if !fresh.contains(file.path) || cache.contains(path: file.path, contentID: file.blob) {
                files.append(.cached(path: file.path, contentID: file.blob))
            } else {
                guard let id = GitObjectID(hex: file.blob) else { throw GitError.internalStateFailure() }
                let bytes = try repository.blobBytes(id, limit: limit)
                files.append(RepositoryFile(path: file.path, bytes: bytes, contentID: file.blob))
                statistics.blobsRead += 1
            }
        }
        var state = DesiredStateLoader.load(files, commit: commit.hex, cache: &cache)
        for link in folder.links.sorted() {
            state.diagnostics.warning(
                .ignoredFile,
                "symbolic link not followed",
                hint: "replace the link with the file itself; heatsync reads only what is in the repository",
                at: .start(of: link)
            )
        }
        statistics.parsing = cache.statistics
        self.statistics = statistics
        last = (key, state)
        return state
    }

    /// The ids of the desired-state trees of a root tree: equal keys, equal desired state.
    static func desiredStateKey(_ root: OpaquePointer) -> String {
        desiredStateFolders.map { name in
            guard let entry = git_tree_entry_byname(root, name) else { return "-" }
            return GitObjectID(git_tree_entry_id(entry)).hex
        }.joined(separator: ":")
    }
}

extension GitRepository {
    /// Whether the desired state differs between two commits: only `projects/` and
    /// `templates/` count, so a status commit is never a desired-state change.
    public func changesDesiredState(from old: GitObjectID, to new: GitObjectID) throws(GitError) -> Bool {
        let before = try withTree(ofCommit: old) { tree throws(GitError) in GitDesiredStateLoader.desiredStateKey(tree)
        }
        let after = try withTree(ofCommit: new) { tree throws(GitError) in GitDesiredStateLoader.desiredStateKey(tree) }
        return before != after
    }
}
