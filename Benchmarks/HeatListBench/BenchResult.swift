import Foundation

/// The runs of one benchmark and their summary table.
struct BenchResult {
    struct Run {
        var stacks: Int
        var requests: Int
        var milliseconds: Double
        var allocations: Int
        var allocatedBytes: Int
    }

    var options: HeatListBench.Options
    var runs: [Run]

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    var text: String {
        let stacks = runs.first?.stacks ?? 0
        let requests = runs.first?.requests ?? 0
        let time = Self.median(runs.map(\.milliseconds))
        let allocations = Self.median(runs.map { Double($0.allocations) })
        let bytes = Self.median(runs.map { Double($0.allocatedBytes) })
        let perStack = stacks > 0 ? allocations / Double(stacks) : 0
        let expected = options.stacks / options.pageSize + 1
        return """
            HeatClient.listStacks(tags:pageSize: \(options.pageSize)) over \(options.stacks) tagged stacks \
            (+100 of another owner), median of \(runs.count):
              stacks listed      \(stacks)
              requests           \(requests) (pages: \(expected) expected)
              wall time          \(String(format: "%.1f", time)) ms (\(String(format: "%.2f", time / Double(max(requests, 1)))) ms per page)
              allocations        \(Int(allocations)) (\(String(format: "%.1f", perStack)) per stack)
              allocated bytes    \(String(format: "%.1f", bytes / 1_048_576)) MiB
              all runs (ms)      \(runs.map { String(format: "%.1f", $0.milliseconds) }.joined(separator: ", "))
            """
    }
}
