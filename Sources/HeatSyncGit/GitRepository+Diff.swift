import CGit2
public import HeatSyncCore

/// What a pull request changed, the way a code host shows it.
extension GitRepository {
    /// Paths that differ between the merge base of `base` and `head`, and `head` (what a
    /// pull request from `head` into `base` shows: changes made on `base` since the branch
    /// point do not count). Renames list both paths.
    public func changedPaths(base: GitObjectID, head: GitObjectID) throws(GitError) -> [String] {
        var mergeBase = git_oid()
        var baseOID = base.oid
        var headOID = head.oid
        let from: GitObjectID
        switch git_merge_base(&mergeBase, pointer, &baseOID, &headOID) {
        case 0: from = GitObjectID(mergeBase)
        case GIT_ENOTFOUND.rawValue: from = base  // unrelated histories: compare the trees
        case let result: throw GitError.libgit2(result, operation: "merge base of \(base.short) and \(head.short)")
        }
        return try withTree(ofCommit: from) { old throws(GitError) in
            try withTree(ofCommit: head) { new throws(GitError) in
                var diff: OpaquePointer?
                try check(git_diff_tree_to_tree(&diff, pointer, old, new, nil), "diff \(from.short)..\(head.short)")
                defer { git_diff_free(diff) }
                var paths = Set<String>()
                for index in 0..<git_diff_num_deltas(diff) {
                    guard let delta = git_diff_get_delta(diff, index) else { continue }
                    if let path = delta.pointee.old_file.path { paths.insert(String(cString: path)) }
                    if let path = delta.pointee.new_file.path { paths.insert(String(cString: path)) }
                }
                return paths.sorted()
            }
        }
    }

    /// The review scope of a pull request from `head` into `base` (both revisions).
    public func reviewScope(base: String, head: String) throws(GitError) -> ReviewScope {
        let baseCommit = try resolve(base)
        let headCommit = try resolve(head)
        return ReviewScope(
            base: base,
            baseCommit: baseCommit.hex,
            changedPaths: try changedPaths(base: baseCommit, head: headCommit)
        )
    }
}
