import Foundation

/// ISO 8601 timestamps (UTC, seconds) for reports, and Heat's own (which may omit the zone).
enum Timestamps {
    static func iso8601(_ date: Date) -> String {
        formatter().string(from: date)
    }

    /// `2026-11-24T10:07:38Z` or `2026-11-24T10:07:38` (Heat writes UTC without a zone).
    static func parse(_ text: String) -> Date? {
        let formatter = formatter()
        return formatter.date(from: text) ?? formatter.date(from: text + "Z")
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
