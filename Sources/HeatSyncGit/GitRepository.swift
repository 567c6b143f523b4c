import CGit2
import Foundation

/// A git repository opened through libgit2: a working repository, a bare one, or a mirror
/// of a remote (``GitRepository/mirror(url:cacheDirectory:credentials:)``).
///
/// Not thread-safe (a `git_repository*` must not be used from two threads at once): use one
/// from one task at a time, or through an actor such as ``GitDesiredStateSource``.
///
/// ```swift
/// let repository = try GitRepository.open(at: "/srv/infra")
/// let commit = try repository.resolve("origin/main")
/// ```
public final class GitRepository {
    let pointer: OpaquePointer
    /// The path it was opened at.
    public let path: String

    init(pointer: OpaquePointer, path: String) {
        self.pointer = pointer
        self.path = path
    }

    deinit { git_repository_free(pointer) }

    /// Opens the repository at `path` (its working folder, its `.git`, or a bare repository);
    /// does not search parent folders.
    ///
    /// - Throws: ``GitError/notARepository`` when `path` holds no repository.
    public static func open(at path: String) throws(GitError) -> GitRepository {
        GitLibrary.ensureInitialised()
        var repository: OpaquePointer?
        let flags = GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue
        let result = git_repository_open_ext(&repository, path, flags, nil)
        guard result == 0, let repository else {
            let detail = FileManager.default.fileExists(atPath: path) ? "" : "no such folder"
            if result == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(path, detail) }
            throw GitError.libgit2(result, operation: "open \(path)")
        }
        return GitRepository(pointer: repository, path: path)
    }

    /// Creates an empty repository at `path` whose first branch is `initialBranch`.
    public static func create(
        at path: String,
        bare: Bool,
        initialBranch: String = "main"
    ) throws(GitError)
        -> GitRepository
    {
        GitLibrary.ensureInitialised()
        var options = git_repository_init_options()
        try check(
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION)),
            "init \(path)"
        )
        options.flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | (bare ? GIT_REPOSITORY_INIT_BARE.rawValue : 0)
        var repository: OpaquePointer?
        let result = initialBranch.withCString { head in
            options.initial_head = head
            return git_repository_init_ext(&repository, path, &options)
        }
        try check(result, "init \(path)")
        guard let repository else { throw GitError.internalStateFailure() }
        return GitRepository(pointer: repository, path: path)
    }

    /// Whether the repository has no working folder.
    public var isBare: Bool { git_repository_is_bare(pointer) == 1 }

    /// The commit `revision` names: a branch, tag, remote-tracking branch (`origin/main`),
    /// `HEAD`, a full or abbreviated id, or any other git revision expression.
    ///
    /// - Throws: ``GitError/unknownReference`` when nothing by that name leads to a commit.
    public func resolve(_ revision: String) throws(GitError) -> GitObjectID {
        var object: OpaquePointer?
        let result = git_revparse_single(&object, pointer, revision)
        guard result == 0, let object else {
            if result == GIT_ENOTFOUND.rawValue || result == GIT_EINVALIDSPEC.rawValue
                || result == GIT_EAMBIGUOUS.rawValue || result == GIT_EUNBORNBRANCH.rawValue
            {
                throw GitError.unknownReference(revision, "no branch, tag or commit by that name")
            }
            throw GitError.libgit2(result, operation: "resolve \(revision)")
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        let peeled = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
        guard peeled == 0, let commit else {
            throw GitError.unknownReference(revision, "it does not name a commit")
        }
        defer { git_object_free(commit) }
        return GitObjectID(git_object_id(commit))
    }

    /// The commit a branch points at, or nil when there is no such branch.
    public func tip(ofReference name: String) throws(GitError) -> GitObjectID? {
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check(result, "read \(name)")
        return GitObjectID(oid)
    }

    /// The branch `HEAD` points at (`main`).
    ///
    /// - Throws: ``GitError/detachedHead`` when `HEAD` names a commit, not a branch.
    public func currentBranch() throws(GitError) -> String {
        if git_repository_head_detached(pointer) == 1 { throw GitError.detachedHead("read HEAD") }
        var head: OpaquePointer?
        let result = git_reference_lookup(&head, pointer, "HEAD")
        try check(result, "read HEAD")
        defer { git_reference_free(head) }
        guard let target = git_reference_symbolic_target(head) else { throw GitError.detachedHead("read HEAD") }
        let name = String(cString: target)
        return name.hasPrefix("refs/heads/") ? String(name.dropFirst("refs/heads/".count)) : name
    }

    /// Points `reference` at `commit`, creating it if needed.
    public func setReference(_ reference: String, to commit: GitObjectID, message: String = "heatsync") throws(GitError)
    {
        var oid = commit.oid
        var ref: OpaquePointer?
        try check(git_reference_create(&ref, pointer, reference, &oid, 1, message), "update \(reference)")
        git_reference_free(ref)
    }

    /// Points `HEAD` at `commit` itself instead of a branch.
    public func detachHead(at commit: GitObjectID) throws(GitError) {
        var oid = commit.oid
        try check(git_repository_set_head_detached(pointer, &oid), "detach HEAD")
    }

    // MARK: - Objects

    /// Runs `body` with the commit's tree.
    func withTree<T>(ofCommit commit: GitObjectID, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T
    {
        var oid = commit.oid
        var commitPointer: OpaquePointer?
        try check(git_commit_lookup(&commitPointer, pointer, &oid), "read commit \(commit.short)")
        defer { git_commit_free(commitPointer) }
        var tree: OpaquePointer?
        try check(git_commit_tree(&tree, commitPointer), "read the tree of \(commit.short)")
        defer { git_tree_free(tree) }
        guard let tree else { throw GitError.internalStateFailure() }
        return try body(tree)
    }

    /// The id of the tree or blob at `path` in `commit`'s tree, or nil when there is none.
    public func entryID(at path: String, inCommit commit: GitObjectID) throws(GitError) -> GitObjectID? {
        try withTree(ofCommit: commit) { tree throws(GitError) in
            var entry: OpaquePointer?
            let result = git_tree_entry_bypath(&entry, tree, path)
            if result == GIT_ENOTFOUND.rawValue { return nil }
            try check(result, "read \(path) in \(commit.short)")
            defer { git_tree_entry_free(entry) }
            return GitObjectID(git_tree_entry_id(entry))
        }
    }

    /// A blob's bytes, at most `limit` of them.
    public func blobBytes(_ id: GitObjectID, limit: Int = .max) throws(GitError) -> [UInt8] {
        var oid = id.oid
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, pointer, &oid), "read blob \(id.short)")
        defer { git_blob_free(blob) }
        let size = Int(min(git_blob_rawsize(blob), UInt64(max(0, limit))))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// The bytes of the file at `path` in `commit`, or nil when there is none.
    public func fileBytes(at path: String, inCommit commit: GitObjectID) throws(GitError) -> [UInt8]? {
        guard let id = try entryID(at: path, inCommit: commit) else { return nil }
        return try blobBytes(id)
    }

    /// The first parent of `commit`, or nil for a root commit.
    public func parent(of commit: GitObjectID) throws(GitError) -> GitObjectID? {
        var oid = commit.oid
        var commitPointer: OpaquePointer?
        try check(git_commit_lookup(&commitPointer, pointer, &oid), "read commit \(commit.short)")
        defer { git_commit_free(commitPointer) }
        guard git_commit_parentcount(commitPointer) > 0, let parent = git_commit_parent_id(commitPointer, 0) else {
            return nil
        }
        return GitObjectID(parent)
    }

    /// The message of `commit`.
    public func message(of commit: GitObjectID) throws(GitError) -> String {
        var oid = commit.oid
        var commitPointer: OpaquePointer?
        try check(git_commit_lookup(&commitPointer, pointer, &oid), "read commit \(commit.short)")
        defer { git_commit_free(commitPointer) }
        return git_commit_message(commitPointer).map { String(cString: $0) } ?? ""
    }

    /// The author of `commit`, as `Name <email>`.
    public func author(of commit: GitObjectID) throws(GitError) -> String {
        var oid = commit.oid
        var commitPointer: OpaquePointer?
        try check(git_commit_lookup(&commitPointer, pointer, &oid), "read commit \(commit.short)")
        defer { git_commit_free(commitPointer) }
        guard let author = git_commit_author(commitPointer) else { return "" }
        let name = author.pointee.name.map { String(cString: $0) } ?? ""
        let email = author.pointee.email.map { String(cString: $0) } ?? ""
        return "\(name) <\(email)>"
    }
}
