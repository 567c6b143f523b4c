import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// UTC timestamps as OpenStack writes them, formatted by hand: `ISO8601DateFormatter` and
/// `String(format:)` are both slow on Linux, and a stack list writes three timestamps per stack.
enum Timestamp {
    /// `2026-11-24T10:07:38Z` (Heat, Nova, Glance, Neutron).
    static func seconds(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))Z"
    }

    /// `2026-11-24T11:07:24.000000Z` (Keystone).
    static func microseconds(_ date: Date) -> String {
        let whole = floor(date.timeIntervalSince1970)
        let micros = min(Int((date.timeIntervalSince1970 - whole) * 1_000_000), 999_999)
        return String(seconds(date).dropLast()) + "." + pad(micros, 6) + "Z"
    }

    /// Zero-padded decimal.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
