import Foundation
import HeatSyncCore
import HeatSyncGit

/// `heatsync-bench --git N`: loads the synthetic repository of N VMs from a git commit
/// (built with libgit2 in a temporary bare repository, not timed): cold (a new loader, every
/// tree and blob read and parsed), warm (the loader of the previous commit, after a commit
/// that changes one manifest), and after a status-only commit (desired-state trees unchanged).
enum GitLoadRun {
    struct Result {
        var n: Int
        var files: Int
        var cold: [Double]
        var warm: [Double]
        var statusOnly: [Double]
        var warmParsed: Int
    }

    static func run(n: Int, iterations: Int, templates: [RepositoryFile]) throws -> Result {
        let synthetic = SyntheticRepository(vmCount: n, templates: templates)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-bench-git-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let repository = try GitRepository.create(at: folder, bare: true)
        let author = GitSignature(name: "bench", email: "bench@example.com", time: 1_700_000_000)
        var files: [String: [UInt8]?] = [:]
        for file in synthetic.files { files[file.path] = file.bytes }
        var tip = try repository.commit(files, parent: nil, message: "synthetic", author: author)

        var cold: [Double] = []
        for _ in 0..<iterations {
            var loader = GitDesiredStateLoader()
            let t0 = ProcessStats.wallMilliseconds()
            let desired = try loader.load(repository, commit: tip)
            cold.append(ProcessStats.wallMilliseconds() - t0)
            try SizeRun.check(desired, repository: synthetic)
        }

        var loader = GitDesiredStateLoader()
        _ = try loader.load(repository, commit: tip)
        let edited = synthetic.files.first { $0.path.hasPrefix("projects/") && $0.path.contains("/vms/") }!
        var warm: [Double] = []
        var statusOnly: [Double] = []
        var warmParsed = 0
        for iteration in 0..<iterations {
            // One manifest changes (untimed commit), then the loader of the previous commit loads it.
            let bytes = edited.bytes + Array("# edit \(iteration)\n".utf8)
            tip = try repository.commit([edited.path: bytes], parent: tip, message: "edit", author: author)
            let t0 = ProcessStats.wallMilliseconds()
            let desired = try loader.load(repository, commit: tip)
            warm.append(ProcessStats.wallMilliseconds() - t0)
            try SizeRun.check(desired, repository: synthetic)
            warmParsed = loader.statistics.parsing.parsedFiles.count
            guard warmParsed == 1 else { throw BenchError("a one-file change parsed \(warmParsed) files") }

            // A status commit: only status/ changes.
            let status = Array("{\"iteration\": \(iteration)}\n".utf8)
            tip = try repository.commit(["status/vms.json": status], parent: tip, message: "status", author: author)
            let t1 = ProcessStats.wallMilliseconds()
            _ = try loader.load(repository, commit: tip)
            statusOnly.append(ProcessStats.wallMilliseconds() - t1)
            guard loader.statistics.reusedWholeState else { throw BenchError("a status commit was loaded again") }
        }
        return Result(
            n: n,
            files: synthetic.files.count,
            cold: cold,
            warm: warm,
            statusOnly: statusOnly,
            warmParsed: warmParsed
        )
    }

    static func table(_ results: [Result], iterations: Int) -> String {
        func ms(_ value: Double) -> String {
            if value >= 1000 { return String(format: "%.2f s", value / 1000) }
            return String(format: value < 10 ? "%.2f ms" : "%.1f ms", value)
        }
        func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var out =
            "heatsync-bench --git (\(SizeRun.buildConfiguration), \(cores) cores, \(iterations) iterations)  "
            + "load desired state from a commit, medians\n"
        out += "      N   files        cold   warm (1 file)   status-only   warm target\n"
        for result in results {
            let warm = SizeRun.median(result.warm)
            out += pad(Report.grouped(result.n), 7) + pad(Report.grouped(result.files), 8)
            out += pad(ms(SizeRun.median(result.cold)), 12) + pad(ms(warm), 16)
            out += pad(ms(SizeRun.median(result.statusOnly)), 14)
            out += pad(warm < 50 ? "< 50 ms ✓" : "< 50 ms ✗", 14) + "\n"
        }
        return out
    }
}
