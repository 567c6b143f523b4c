import CGit2

/// Who a commit is by: the bot identity of status commits, or a test author.
public struct GitSignature: Sendable, Hashable {
    public var name: String
    public var email: String
    /// Seconds since 1970; nil means now.
    public var time: Int64?

    public init(name: String, email: String, time: Int64? = nil) {
        self.name = name
        self.email = email
        self.time = time
    }

    /// heatsync's default bot identity.
    public static let heatsyncBot = GitSignature(name: "heatsync", email: "heatsync@localhost")

    /// A libgit2 signature; free it with `git_signature_free`.
    func make() throws(GitError) -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        if let time {
            try check(git_signature_new(&signature, name, email, time, 0), "signature \(name)")
        } else {
            try check(git_signature_now(&signature, name, email), "signature \(name)")
        }
        guard let signature else { throw GitError.internalStateFailure() }
        return signature
    }
}
