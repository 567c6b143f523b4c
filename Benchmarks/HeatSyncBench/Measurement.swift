import Foundation
import HeatSyncCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Process clocks and memory, read straight from the kernel.
enum ProcessStats {
    /// Monotonic wall clock, in milliseconds.
    static func wallMilliseconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) * 1000 + Double(now.tv_nsec) / 1_000_000
    }

    #if os(Linux)
    private static let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let rusageSelf = RUSAGE_SELF
    #endif

    /// User + system CPU time of this process so far, in milliseconds.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(rusageSelf, &usage)
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// Peak resident set size of this process, in MiB. `ru_maxrss` is KiB on Linux and bytes on
    /// Darwin; on Linux `/proc/self/status` VmHWM is the same figure and is used when readable.
    static func peakRSSMegabytes() -> Double {
        if let kib = procStatus("VmHWM") { return kib / 1024 }
        var usage = rusage()
        getrusage(rusageSelf, &usage)
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / (1024 * 1024)
        #else
        return Double(usage.ru_maxrss) / 1024
        #endif
    }

    /// Current resident set size in MiB (Linux only; nil elsewhere).
    static func currentRSSMegabytes() -> Double? {
        procStatus("VmRSS").map { $0 / 1024 }
    }

    /// A `kB` field of `/proc/self/status`, in KiB.
    private static func procStatus(_ field: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let number = line.dropFirst(field.count + 1).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
            return number.flatMap { Double($0) }
        }
        return nil
    }
}

/// One timed iteration: `load` then `plan`.
struct IterationTiming {
    var loadMilliseconds: Double
    var planMilliseconds: Double
    var cpuMilliseconds: Double
    var wallMilliseconds: Double { loadMilliseconds + planMilliseconds }
}

/// What one size measured; the parent collects these from its children as JSON lines.
struct SizeResult: Codable {
    struct Spread: Codable {
        var min: Double
        var median: Double
        var max: Double
    }

    var n: Int
    var iterations: Int
    var projects: Int
    var files: Int
    var repositoryMB: Double
    var observedStacks: Int
    var wallMs: Spread
    var loadMs: Double
    var planMs: Double
    var cpuMs: Double
    var wallMsAll: [Double]
    var rssAfterGenerationMB: Double?
    var peakRSSMB: Double
    var plan: ExpectedCounts
    var build: String
    var cores: Int
    var commit: String?
    var date: String

    enum CodingKeys: String, CodingKey {
        case n, iterations, projects, files, plan, build, cores, commit, date
        case repositoryMB = "repository_mb"
        case observedStacks = "observed_stacks"
        case wallMs = "wall_ms"
        case loadMs = "load_ms"
        case planMs = "plan_ms"
        case cpuMs = "cpu_ms"
        case wallMsAll = "wall_ms_all"
        case rssAfterGenerationMB = "rss_after_generation_mb"
        case peakRSSMB = "peak_rss_mb"
    }
}

/// Generates a repository of `n` VMs and its snapshot, then times `iterations` runs of
/// load + plan and checks every plan against what was generated.
enum SizeRun {
    static func run(n: Int, iterations: Int, templates: [RepositoryFile]) throws -> SizeResult {
        let repository = SyntheticRepository(vmCount: n, templates: templates)
        let files = repository.files
        let rssAfterGeneration = ProcessStats.currentRSSMegabytes()

        // Untimed: load once to learn the spec hashes the snapshot must carry.
        let observed: SyntheticObserved
        do {
            let desired = DesiredStateLoader.load(files)
            try check(desired, repository: repository)
            observed = SyntheticObserved(desired: desired)
        }
        let options = PlanOptions(owner: SyntheticObserved.owner)

        var timings: [IterationTiming] = []
        for _ in 0..<iterations {
            let cpu0 = ProcessStats.cpuMilliseconds()
            let t0 = ProcessStats.wallMilliseconds()
            let desired = DesiredStateLoader.load(files)
            let t1 = ProcessStats.wallMilliseconds()
            let plan = Planner.plan(desired: desired, observed: observed.stacks, options: options)
            let t2 = ProcessStats.wallMilliseconds()
            let cpu1 = ProcessStats.cpuMilliseconds()
            timings.append(
                IterationTiming(loadMilliseconds: t1 - t0, planMilliseconds: t2 - t1, cpuMilliseconds: cpu1 - cpu0)
            )

            try check(desired, repository: repository)
            let counts = ExpectedCounts(plan.summary)
            guard counts == observed.expected, plan.changes.count == observed.expected.total else {
                throw BenchError(
                    "n=\(n): the plan does not match the generated snapshot\n  expected: \(observed.expected.compact)\n"
                        + "  planned:  \(counts.compact) (\(plan.changes.count) changes)"
                )
            }
        }

        let walls = timings.map { round3($0.wallMilliseconds) }
        return SizeResult(
            n: n,
            iterations: iterations,
            projects: repository.projectCount,
            files: files.count,
            repositoryMB: round3(Double(repository.byteCount) / (1024 * 1024)),
            observedStacks: observed.stacks.count,
            wallMs: .init(min: walls.min() ?? 0, median: round3(median(walls)), max: walls.max() ?? 0),
            loadMs: round3(median(timings.map(\.loadMilliseconds))),
            planMs: round3(median(timings.map(\.planMilliseconds))),
            cpuMs: round3(median(timings.map(\.cpuMilliseconds))),
            wallMsAll: walls,
            rssAfterGenerationMB: rssAfterGeneration.map(round3),
            peakRSSMB: round3(ProcessStats.peakRSSMegabytes()),
            plan: observed.expected,
            build: buildConfiguration,
            cores: ProcessInfo.processInfo.activeProcessorCount,
            commit: GitInfo.headCommit(),
            date: ISO8601DateFormatter().string(from: Date())
        )
    }

    static func check(_ desired: DesiredState, repository: SyntheticRepository) throws {
        if desired.diagnostics.hasErrors || desired.vmCount != repository.vmCount {
            let first = desired.diagnostics.sorted.prefix(5).map { "  \($0.text)" }.joined(separator: "\n")
            throw BenchError(
                "n=\(repository.vmCount): the generated repository did not load cleanly "
                    + "(\(desired.vmCount) VMs, \(desired.diagnostics.errorCount) errors)\n\(first)"
            )
        }
    }

    /// Three decimals are plenty (microseconds, KiB) and keep the JSON readable.
    static func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static var buildConfiguration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }
}

/// The commit of the working tree, read from `.git` without running git.
enum GitInfo {
    static func headCommit(gitDirectory: String = ".git") -> String? {
        func read(_ path: String) -> String? {
            (try? String(contentsOfFile: "\(gitDirectory)/\(path)", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let head = read("HEAD") else { return nil }
        guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
        let ref = String(head.dropFirst("ref: ".count))
        if let commit = read(ref), !commit.isEmpty { return commit }
        for line in (read("packed-refs") ?? "").split(separator: "\n") where line.hasSuffix(" \(ref)") {
            return String(line.split(separator: " ")[0])
        }
        return nil
    }
}
