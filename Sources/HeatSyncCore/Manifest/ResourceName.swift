/// The naming rule for projects, VMs and pinned ids: a DNS label, so a name fits in a stack
/// tag (`heatsync-name=<name>` stays under Heat's 80 characters) and in a host name.
public enum ResourceName {
    public static let maxLength = 63
    public static let rule =
        "use 1 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit"

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...maxLength).contains(bytes.count) else { return false }
        func isAlnum(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) }
        guard isAlnum(bytes.first!), isAlnum(bytes.last!) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == 0x2d }
    }
}
