import Foundation

/// `heatsync-bench --compare OLD.json NEW.json`: the sizes both files measured, side by side.
enum Compare {
    static func run(old oldPath: String, new newPath: String) throws -> String {
        let old = try read(oldPath)
        let new = try read(newPath)
        var lines = [
            "old: \(describe(old, oldPath))",
            "new: \(describe(new, newPath))",
            "",
            "      N   median (old → new)        load (old → new)          plan (old → new)          peak RSS (old → new)",
        ]
        let shared = new.filter { result in old.contains { $0.n == result.n } }
        for after in shared {
            let before = old.first { $0.n == after.n }!
            lines.append(
                Report.grouped(after.n).leftPadded(7) + "   "
                    + change(before.wallMs.median, after.wallMs.median, Report.duration).rightPadded(26)
                    + change(before.loadMs, after.loadMs, Report.duration).rightPadded(26)
                    + change(before.planMs, after.planMs, Report.duration).rightPadded(26)
                    + change(before.peakRSSMB, after.peakRSSMB) { String(format: "%.0f MB", $0) }
            )
            if before.plan != after.plan {
                lines.append("        note: the plans differ, so the workloads differ (old: \(before.plan.compact))")
            }
        }
        if shared.isEmpty { lines.append("(no size appears in both files)") }
        let configs = Set(old.map(\.build) + new.map(\.build))
        let cores = Set(old.map(\.cores) + new.map(\.cores))
        if configs.count > 1 || cores.count > 1 {
            lines.append(
                "\nwarning: the files come from different builds or machines (\(configs.sorted()), cores \(cores.sorted()))"
            )
        }
        return lines.joined(separator: "\n")
    }

    static func read(_ path: String) throws -> [SizeResult] {
        do {
            return try JSONDecoder().decode([SizeResult].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw BenchError("cannot read \(path) as heatsync-bench results: \(error)")
        }
    }

    static func describe(_ results: [SizeResult], _ path: String) -> String {
        let commit = results.first?.commit.map { String($0.prefix(12)) } ?? "unknown commit"
        return "\(path) (\(commit), \(results.first?.date ?? "no date"))"
    }

    /// `2.01 s → 812 ms (-60%)`.
    static func change(_ before: Double, _ after: Double, _ format: (Double) -> String) -> String {
        let percent = before > 0 ? (after - before) / before * 100 : 0
        return "\(format(before)) → \(format(after)) (\(String(format: "%+.0f%%", percent)))"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func rightPadded(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
