import CGit2

/// A git object id (a commit, tree or blob), as its 40-digit hex form.
public struct GitObjectID: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The full hex id.
    public let hex: String

    /// Accepts a full 40-digit hex id.
    public init?(hex: String) {
        guard hex.utf8.count == 40, hex.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            return nil
        }
        self.hex = hex
    }

    init(_ oid: git_oid) {
        var copy = oid
        hex = String(unsafeUninitializedCapacity: 40) { buffer in
            buffer.withMemoryRebound(to: CChar.self) { _ = git_oid_fmt($0.baseAddress, &copy) }
            return 40
        }
    }

    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    var oid: git_oid {
        var oid = git_oid()
        _ = git_oid_fromstr(&oid, hex)
        return oid
    }

    public var description: String { hex }

    /// The first 12 digits, for people.
    public var short: String { String(hex.prefix(12)) }

    public static func < (lhs: GitObjectID, rhs: GitObjectID) -> Bool { lhs.hex < rhs.hex }
}
