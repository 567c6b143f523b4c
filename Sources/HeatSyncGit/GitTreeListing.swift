import CGit2

/// The desired-state files of one folder of a commit's tree (recursively), by path and blob
/// id, cached by the folder's tree id: a folder whose tree id did not change is not read
/// again, so listing a commit after a one-file change reads only the trees on that file's path.
struct GitTreeListing: Sendable {
    struct File: Sendable {
        var path: String
        var blob: String
    }

    struct Folder: Sendable {
        var files: [File] = []
        /// Symbolic links, which are never followed (a link could point outside the repository).
        var links: [String] = []
    }

    private var folders: [String: Folder] = [:]
    /// Trees read by the last listing (folders not found in the cache).
    private(set) var treesRead = 0
    /// Files listed from trees read by the last listing; every other file was listed, and so
    /// loaded, the time before with the same blob id.
    private(set) var freshFiles: Set<String> = []

    /// Lists the folder at `prefix` (`projects/`), whose tree is `entry` of the root tree.
    mutating func list(
        _ repository: GitRepository,
        rootTree: OpaquePointer,
        folders names: [String]
    ) throws(GitError) -> Folder {
        var next: [String: Folder] = [:]
        treesRead = 0
        freshFiles = []
        var result = Folder()
        for name in names {
            guard let entry = git_tree_entry_byname(rootTree, name), git_tree_entry_type(entry) == GIT_OBJECT_TREE
            else {
                continue
            }
            let folder = try folder(repository, id: git_tree_entry_id(entry), prefix: name + "/", next: &next)
            result.files += folder.files
            result.links += folder.links
        }
        folders = next
        return result
    }

    private mutating func folder(
        _ repository: GitRepository,
        id: UnsafePointer<git_oid>,
        prefix: String,
        next: inout [String: Folder]
    ) throws(GitError) -> Folder {
        let key = prefix + "\u{0}" + GitObjectID(id).hex
        if let cached = folders[key] {
            next[key] = cached
            return cached
        }
        treesRead += 1
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, repository.pointer, id), "read tree \(prefix)")
        defer { git_tree_free(tree) }
        var folder = Folder()
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index), let rawName = git_tree_entry_name(entry) else {
                continue
            }
            let name = String(cString: rawName)
            if name.hasPrefix(".") { continue }
            let path = prefix + name
            switch git_tree_entry_type(entry) {
            case GIT_OBJECT_TREE:
                let inner = try self.folder(repository, id: git_tree_entry_id(entry), prefix: path + "/", next: &next)
                folder.files += inner.files
                folder.links += inner.links
            case GIT_OBJECT_BLOB:
                if git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK {
                    folder.links.append(path)
                } else if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                    folder.files.append(File(path: path, blob: GitObjectID(git_tree_entry_id(entry)).hex))
                    freshFiles.insert(path)
                }
            default:
                break  // submodules are not part of the desired state
            }
        }
        next[key] = folder
        return folder
    }
}
