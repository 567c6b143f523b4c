/// One file of the desired-state repository: its path relative to the repository root
/// (with `/` separators) and its bytes. Where the bytes come from — a working directory,
/// a git tree — is the caller's business; the core only reads values.
public struct RepositoryFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
