import Foundation

/// The table on stdout and the JSON file under `Benchmarks/results/`.
enum Report {
    /// The targets of Benchmarks/README.md, checked at this size.
    static let targetN = 10_000
    static let targetWallMs = 1_000.0
    static let targetPeakRSSMB = 150.0

    static func table(_ results: [SizeResult]) -> String {
        let build = results.first?.build ?? SizeRun.buildConfiguration
        let cores = results.first?.cores ?? ProcessInfo.processInfo.activeProcessorCount
        let iterations = results.first?.iterations ?? 0
        var lines = [
            "heatsync-bench (\(build), \(cores) core\(cores == 1 ? "" : "s"), \(iterations) iterations)  load+validate+plan",
            row(["N", "median", "min", "max", "load", "plan", "cpu", "peak RSS"]),
        ]
        for result in results {
            lines.append(
                row([
                    grouped(result.n), duration(result.wallMs.median), duration(result.wallMs.min),
                    duration(result.wallMs.max), duration(result.loadMs), duration(result.planMs),
                    duration(result.cpuMs), String(format: "%.0f MB", result.peakRSSMB),
                ])
            )
        }
        lines.append("")
        for result in results {
            let generation =
                result.rssAfterGenerationMB.map { String(format: ", %.0f MB RSS after generation", $0) } ?? ""
            lines.append(
                "\(grouped(result.n)): \(result.projects) projects, \(grouped(result.files)) files "
                    + String(format: "(%.1f MB)", result.repositoryMB)
                    + ", \(grouped(result.observedStacks)) stacks\(generation)"
            )
            lines.append("  plan: \(result.plan.compact)")
        }
        if let target = results.first(where: { $0.n == targetN }) {
            let fast = target.wallMs.median < targetWallMs
            let small = target.peakRSSMB < targetPeakRSSMB
            lines.append("")
            lines.append(
                "target \(grouped(targetN)): median < \(Int(targetWallMs)) ms \(fast ? "met" : "MISSED"), "
                    + "peak RSS < \(Int(targetPeakRSSMB)) MB \(small ? "met" : "MISSED")"
            )
            if build != "release" { lines.append("(debug build: the targets apply to release builds)") }
        }
        return lines.joined(separator: "\n")
    }

    static let widths = [7, 9, 9, 9, 9, 9, 9, 9]

    static func row(_ cells: [String]) -> String {
        zip(cells, widths).map { cell, width in
            String(repeating: " ", count: max(0, width - cell.count)) + cell
        }.joined(separator: " ")
    }

    /// `0.8 ms`, `45 ms`, `1.23 s`.
    static func duration(_ milliseconds: Double) -> String {
        if milliseconds >= 1000 { return String(format: "%.2f s", milliseconds / 1000) }
        if milliseconds >= 10 { return String(format: "%.0f ms", milliseconds) }
        return String(format: "%.1f ms", milliseconds)
    }

    /// `10000` → `10,000`.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return encoder
    }

    /// One result as a single line, the child-to-parent protocol.
    static func jsonLine(_ result: SizeResult) throws -> String {
        String(decoding: try encoder(pretty: false).encode(result), as: UTF8.self)
    }

    /// Writes all results as a JSON array, creating the folder.
    static func write(_ results: [SizeResult], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = try encoder(pretty: true).encode(results)
        data.append(contentsOf: Array("\n".utf8))
        try data.write(to: url)
    }

    /// `Benchmarks/results/20250101-120000.json` (UTC).
    static func defaultPath(date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "Benchmarks/results/\(formatter.string(from: date)).json"
    }
}
