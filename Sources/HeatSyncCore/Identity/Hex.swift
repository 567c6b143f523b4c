import Crypto

/// Lowercase hexadecimal text and the truncated SHA-256 digests heatsync puts in tags and plans.
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The first 128 bits of SHA-256 over `text`, as 32 hex digits.
    public static func digest128(_ text: String) -> String {
        encode(SHA256.hash(data: Array(text.utf8)).prefix(16))
    }

    /// The full SHA-256 of `bytes`, as 64 hex digits.
    public static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        encode(SHA256.hash(data: Array(bytes)))
    }
}
