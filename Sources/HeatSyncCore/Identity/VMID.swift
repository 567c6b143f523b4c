import Crypto

/// A VM's identity: `metadata.id` when the manifest pins it, else UUIDv5 of
/// `"<project>/<name>"` in the heatsync namespace. The stack is always `vm-<id>`.
public struct VMID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `ff106adb-d214-5376-b5a2-b378696e1576`: UUIDv5 of `https://heatsync.dev/ns/vm` in the
    /// RFC 4122 URL namespace. Changing it would rename every stack; it never changes.
    public static let namespace: [UInt8] = UUIDv5.bytes(
        namespace: UUIDv5.urlNamespace,
        name: "https://heatsync.dev/ns/vm"
    )

    public init(project: String, name: String, pinned: String? = nil) {
        if let pinned {
            rawValue = pinned
        } else {
            rawValue = UUIDv5.string(UUIDv5.bytes(namespace: VMID.namespace, name: "\(project)/\(name)"))
        }
    }

    /// The Heat stack name, `vm-<id>`.
    public var stackName: String { "vm-\(rawValue)" }

    /// The id in a stack name, or nil when the name is not `vm-<id>`.
    public init?(stackName: String) {
        guard stackName.hasPrefix("vm-"), stackName.count > 3 else { return nil }
        rawValue = String(stackName.dropFirst(3))
    }

    public var description: String { rawValue }

    public static func < (lhs: VMID, rhs: VMID) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Name-based UUIDs, version 5 (RFC 4122 §4.3: SHA-1, version and variant bits set).
public enum UUIDv5 {
    /// `6ba7b811-9dad-11d1-80b4-00c04fd430c8`
    public static let urlNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    public static func bytes(namespace: [UInt8], name: String) -> [UInt8] {
        var hasher = Insecure.SHA1()
        hasher.update(data: namespace)
        hasher.update(data: Array(name.utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        return bytes
    }

    /// Lowercase 8-4-4-4-12 form.
    public static func string(_ bytes: [UInt8]) -> String {
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(
                hex[
                    hex.index(
                        hex.startIndex,
                        offsetBy: range.lowerBound
                    )..<hex.index(hex.startIndex, offsetBy: range.upperBound)
                ]
            )
        }
        return parts.joined(separator: "-")
    }
}
