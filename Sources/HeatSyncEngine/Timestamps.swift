import Foundation

/// ISO 8601 timestamps (UTC, seconds) for reports.
enum Timestamps {
    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
