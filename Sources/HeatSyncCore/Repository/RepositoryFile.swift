/// One file of the desired-state repository: its path relative to the repository root
/// (with `/` separators) and its bytes. Where the bytes come from — a working directory,
/// a git tree — is the caller's business; the core only reads values.
public struct RepositoryFile: Sendable, Hashable {
    public var path: String
    public var bytes: [UInt8]
    /// An id that changes whenever the bytes do (a git blob id), when the source has one.
    /// With it, ``DesiredStateLoader`` can reuse what it parsed from the same path and id
    /// before (see ``DesiredStateCache``), and the desired-state digest uses it instead of
    /// hashing the bytes again.
    public var contentID: String?

    public init(path: String, bytes: [UInt8], contentID: String? = nil) {
        self.path = path
        self.bytes = bytes
        self.contentID = contentID
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    /// A file whose bytes the caller did not read because `cache` already parsed this path
    /// and content id (see ``DesiredStateCache/contains(path:contentID:)``).
    public static func cached(path: String, contentID: String) -> RepositoryFile {
        RepositoryFile(path: path, bytes: [], contentID: contentID)
    }
}
