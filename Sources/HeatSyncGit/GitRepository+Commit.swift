import CGit2

/// Writing commits straight into the object database (no index, no working folder): how
/// status commits are made, and how tests and benchmarks build repositories.
extension GitRepository {
    /// Commits `files` (path → bytes; nil removes the path) on top of `parent`'s tree, and
    /// points `reference` at the new commit when given.
    ///
    /// - Parameters:
    ///   - files: Paths relative to the root with `/` separators. Folders left empty vanish.
    ///   - parent: The commit to build on; nil makes a root commit holding only `files`.
    ///   - reference: A full reference name (`refs/heads/main`) to move, or nil.
    /// - Returns: The new commit's id.
    @discardableResult
    public func commit(
        _ files: [String: [UInt8]?],
        parent: GitObjectID?,
        message: String,
        author: GitSignature,
        updating reference: String? = nil
    ) throws(GitError) -> GitObjectID {
        let tree: GitObjectID
        if let parent {
            tree = try withTree(ofCommit: parent) { base throws(GitError) in try writeTree(base: base, changes: files) }
        } else {
            tree = try writeTree(base: nil, changes: files)
        }
        return try commit(tree: tree, parent: parent, message: message, author: author, updating: reference)
    }

    /// Commits `tree` with `parent` as its only parent.
    func commit(
        tree: GitObjectID,
        parent: GitObjectID?,
        message: String,
        author: GitSignature,
        updating reference: String?
    ) throws(GitError) -> GitObjectID {
        var treeOID = tree.oid
        var treePointer: OpaquePointer?
        try check(git_tree_lookup(&treePointer, pointer, &treeOID), "read tree \(tree.short)")
        defer { git_tree_free(treePointer) }
        var parentPointer: OpaquePointer?
        if let parent {
            var parentOID = parent.oid
            try check(git_commit_lookup(&parentPointer, pointer, &parentOID), "read commit \(parent.short)")
        }
        defer { if parentPointer != nil { git_commit_free(parentPointer) } }
        let signature = try author.make()
        defer { git_signature_free(signature) }
        var parents: [OpaquePointer?] = parentPointer.map { [$0] } ?? []
        var oid = git_oid()
        try check(
            git_commit_create(
                &oid,
                pointer,
                nil,
                signature,
                signature,
                "UTF-8",
                message,
                treePointer,
                parents.count,
                &parents
            ),
            "commit"
        )
        let commit = GitObjectID(oid)
        if let reference { try setReference(reference, to: commit, message: "heatsync: \(message.prefix(60))") }
        return commit
    }

    /// Whether `commit`'s tree already holds exactly these bytes at these paths (nil: absent).
    func treeMatches(_ files: [String: [UInt8]?], commit: GitObjectID) throws(GitError) -> Bool {
        for (path, bytes) in files {
            let current = try fileBytes(at: path, inCommit: commit)
            if current != bytes { return false }
        }
        return true
    }

    /// Writes a tree: `base` with `changes` applied, recursively by folder.
    func writeTree(base: OpaquePointer?, changes: [String: [UInt8]?]) throws(GitError) -> GitObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, pointer, base), "build tree")
        defer { git_treebuilder_free(builder) }

        var folders: [String: [String: [UInt8]?]] = [:]
        for (path, bytes) in changes {
            guard !path.isEmpty, !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                throw GitError.invalidInput("build tree", "bad path '\(path)'")
            }
            if let slash = path.firstIndex(of: "/") {
                folders[String(path[..<slash]), default: [:]][String(path[path.index(after: slash)...])] = bytes
            } else if let bytes {
                var blob = git_oid()
                let written = bytes.withUnsafeBytes { raw in
                    git_blob_create_from_buffer(&blob, pointer, raw.baseAddress, raw.count)
                }
                try check(written, "write \(path)")
                try check(git_treebuilder_insert(nil, builder, path, &blob, GIT_FILEMODE_BLOB), "write \(path)")
            } else if git_treebuilder_get(builder, path) != nil {
                try check(git_treebuilder_remove(builder, path), "remove \(path)")
            }
        }
        for (folder, inner) in folders {
            var subtree: OpaquePointer?
            if let entry = git_treebuilder_get(builder, folder), git_tree_entry_type(entry) == GIT_OBJECT_TREE {
                try check(git_tree_lookup(&subtree, pointer, git_tree_entry_id(entry)), "read \(folder)")
            }
            defer { if subtree != nil { git_tree_free(subtree) } }
            let written = try writeTree(base: subtree, changes: inner)
            var writtenOID = written.oid
            var written_tree: OpaquePointer?
            try check(git_tree_lookup(&written_tree, pointer, &writtenOID), "read \(folder)")
            let isEmpty = git_tree_entrycount(written_tree) == 0
            git_tree_free(written_tree)
            if isEmpty {
                if git_treebuilder_get(builder, folder) != nil {
                    try check(git_treebuilder_remove(builder, folder), "remove \(folder)")
                }
            } else {
                try check(
                    git_treebuilder_insert(nil, builder, folder, &writtenOID, GIT_FILEMODE_TREE),
                    "write \(folder)"
                )
            }
        }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "write tree")
        return GitObjectID(oid)
    }
}
