public import Foundation
public import Testing

/// Golden-file assertions (STYLE rule 20): the expected output lives beside the test's
/// inputs. A missing golden is written and the test fails; `HEATSYNC_RECORD=1` re-records.
public enum Golden {
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["HEATSYNC_RECORD"] == "1"
    }

    public static func assertMatches(
        _ actual: String,
        file path: URL,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let existing = try? String(contentsOf: path, encoding: .utf8)
        if isRecording || existing == nil {
            try? FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try? actual.write(to: path, atomically: true, encoding: .utf8)
            if existing == nil {
                Issue.record(
                    "golden \(path.lastPathComponent) was missing; recorded it",
                    sourceLocation: sourceLocation
                )
            }
            return
        }
        if existing != actual {
            Issue.record(
                "\(path.path) differs from the output (HEATSYNC_RECORD=1 re-records):\n\(firstDifference(existing!, actual))",
                sourceLocation: sourceLocation
            )
        }
    }

    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < b.count ? String(b[index]) : "<end>"
            if left != right { return "line \(index + 1):\n  expected: \(left)\n  actual:   \(right)" }
        }
        return "(same lines, different bytes)"
    }
}
