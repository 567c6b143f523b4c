import CGit2
import Foundation
import HeatSyncCore

/// Remotes: mirrors in a cache folder, fetch, push.
extension GitRepository {
    /// A bare mirror of `url` under `cacheDirectory` (created on first use, reused after),
    /// with the remote `origin`; call ``fetch(remote:refspecs:credentials:)`` to bring it up to date.
    ///
    /// libgit2 1.5 (Debian 12) cannot fetch shallow, so a mirror holds full history; later
    /// fetches transfer only new objects.
    public static func mirror(url: String, cacheDirectory: String) throws(GitError) -> GitRepository {
        GitLibrary.ensureInitialised()
        let redacted = URLRedaction.redactURL(url)
        let readable = redacted.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "." && $0 != "-" })
            .suffix(2).joined(separator: "-")
        let folder = cacheDirectory + "/" + readable + "-" + Hex.digest128(redacted).prefix(12) + ".git"
        let repository: GitRepository
        if FileManager.default.fileExists(atPath: folder) {
            repository = try open(at: folder)
        } else {
            repository = try create(at: folder, bare: true)
        }
        try repository.setRemote("origin", url: url)
        return repository
    }

    /// Creates or re-points the remote `name`.
    public func setRemote(_ name: String, url: String) throws(GitError) {
        var remote: OpaquePointer?
        let found = git_remote_lookup(&remote, pointer, name)
        if found == 0 {
            let current = git_remote_url(remote).map { String(cString: $0) }
            git_remote_free(remote)
            if current != url { try check(git_remote_set_url(pointer, name, url), "set remote \(name)") }
            return
        }
        try check(git_remote_create(&remote, pointer, name, url), "add remote \(name)")
        git_remote_free(remote)
    }

    /// Fetches `refspecs` from `remote` (default: its configured refspecs, every branch to
    /// `refs/remotes/<remote>/…`), pruning remote-tracking branches that are gone.
    ///
    /// - Throws: ``GitError/authenticationFailed``, ``GitError/networkFailure`` …
    public func fetch(
        remote name: String = "origin",
        refspecs: [String] = [],
        credentials: GitCredentials = .none
    )
        throws(GitError)
    {
        try withRemote(name) { remote throws(GitError) in
            let session = GitRemoteSession(credentials: credentials)
            var options = git_fetch_options()
            try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "fetch \(name)")
            options.callbacks = try session.callbacks()
            options.prune = GIT_FETCH_PRUNE
            options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_ALL
            let result = withStrings(refspecs) { array in
                withExtendedLifetime(session) { git_remote_fetch(remote, array, &options, nil) }
            }
            if result < 0 { throw GitError.libgit2(result, operation: "fetch \(name)").classifiedAsRemote() }
        }
    }

    /// Pushes `refspecs` (`refs/heads/status:refs/heads/status`) to `remote`.
    ///
    /// - Throws: ``GitError/nonFastForward`` when the remote moved on; ``GitError/pushRejected``
    ///   when the server refused a reference for another reason.
    public func push(
        remote name: String = "origin",
        refspecs: [String],
        credentials: GitCredentials = .none
    )
        throws(GitError)
    {
        try withRemote(name) { remote throws(GitError) in
            let session = GitRemoteSession(credentials: credentials)
            var options = git_push_options()
            try check(git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION)), "push \(name)")
            options.callbacks = try session.callbacks()
            let result = withStrings(refspecs) { array in
                withExtendedLifetime(session) { git_remote_push(remote, array, &options) }
            }
            if result < 0 { throw GitError.libgit2(result, operation: "push \(name)").classifiedAsRemote() }
            if let (reference, status) = session.rejected.sorted(by: { $0.key < $1.key }).first {
                // Servers on smart transports refuse per reference instead of failing the push.
                if status.contains("fast-forward") || status.contains("fetch first") || status.contains("stale") {
                    throw GitError.nonFastForward("push \(reference) to \(name)", status)
                }
                throw GitError.pushRejected("push \(reference) to \(name)", status)
            }
        }
    }

    private func withRemote<T>(_ name: String, _ body: (OpaquePointer) throws(GitError) -> T) throws(GitError) -> T {
        var remote: OpaquePointer?
        let result = git_remote_lookup(&remote, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { throw GitError.invalidInput("remote \(name)", "no such remote") }
        try check(result, "remote \(name)")
        defer { git_remote_free(remote) }
        guard let remote else { throw GitError.internalStateFailure() }
        return try body(remote)
    }
}

/// Runs `body` with `strings` as a `git_strarray` (copied; freed afterwards).
func withStrings<T>(_ strings: [String], _ body: (UnsafePointer<git_strarray>) -> T) -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return body(&array)
    }
}
