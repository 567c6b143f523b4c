import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// UTC timestamps as OpenStack writes them, formatted by hand: `ISO8601DateFormatter` is
/// expensive to create on Linux, and a stack list writes three timestamps per stack.
enum Timestamp {
    /// `2026-11-24T10:07:38Z` (Heat, Nova, Glance, Neutron).
    static func seconds(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            parts.tm_year + 1900,
            parts.tm_mon + 1,
            parts.tm_mday,
            parts.tm_hour,
            parts.tm_min,
            parts.tm_sec
        )
    }

    /// `2026-11-24T11:07:24.000000Z` (Keystone).
    static func microseconds(_ date: Date) -> String {
        let whole = floor(date.timeIntervalSince1970)
        let micros = min(Int((date.timeIntervalSince1970 - whole) * 1_000_000), 999_999)
        return String(seconds(date).dropLast()) + String(format: ".%06dZ", micros)
    }
}
