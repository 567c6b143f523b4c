import Foundation
import HeatSyncCore

/// `heatsync-bench`: times DesiredStateLoader.load + Planner.plan over synthetic repositories.
/// See Benchmarks/README.md. Run it from the repository root (scripts/bench does).
@main
struct Bench {
    static let usage = """
        usage: heatsync-bench [--sizes 1000,10000] [--iterations 5] [--json PATH]
               heatsync-bench --single N [--iterations 5]
               heatsync-bench --compare OLD.json NEW.json
               heatsync-bench --git [--sizes 10000] [--iterations 5]

          --sizes N,N,...   repository sizes in VMs (default 1000,10000)
          --iterations K    timed runs per size (default 5)
          --json PATH       where to write results (default Benchmarks/results/<UTC timestamp>.json)
          --single N        measure one size in this process and print one JSON line (used per
                            size by the parent, so each size gets its own peak RSS)
          --compare A B     compare two result files (medians, load, plan, peak RSS)
          --git             load from a git commit instead: cold, warm after a one-file commit,
                            and after a status-only commit (default size 10000)
        """

    struct Options {
        var sizes = [1_000, 10_000]
        var iterations = 5
        var jsonPath: String?
        var single: Int?
        var compare: (old: String, new: String)?
        var git = false
        var sizesGiven = false
    }

    static func main() {
        do {
            let options = try parse(Array(CommandLine.arguments.dropFirst()))
            if let compare = options.compare {
                print(try Compare.run(old: compare.old, new: compare.new))
                return
            }
            let templates = try SyntheticRepository.loadTemplates()
            if options.git {
                let sizes = options.sizesGiven ? options.sizes : [10_000]
                var results: [GitLoadRun.Result] = []
                for n in sizes {
                    log("n=\(Report.grouped(n)): building the git repository, then \(options.iterations) timed runs…")
                    results.append(try GitLoadRun.run(n: n, iterations: options.iterations, templates: templates))
                }
                print(GitLoadRun.table(results, iterations: options.iterations))
                return
            }
            if let n = options.single {
                let result = try SizeRun.run(n: n, iterations: options.iterations, templates: templates)
                print(try Report.jsonLine(result))
                return
            }
            var results: [SizeResult] = []
            for n in options.sizes {
                log("n=\(Report.grouped(n)): generating, then \(options.iterations) timed runs…")
                if options.sizes.count == 1 {
                    results.append(try SizeRun.run(n: n, iterations: options.iterations, templates: templates))
                } else {
                    results.append(try runChild(n: n, iterations: options.iterations))
                }
            }
            print(Report.table(results))
            let path = options.jsonPath ?? Report.defaultPath()
            try Report.write(results, to: path)
            print("\nwrote \(path)")
        } catch let error as UsageError {
            log("heatsync-bench: \(error.message)\n\n\(usage)")
            exit(64)
        } catch {
            log("heatsync-bench: \(error)")
            exit(1)
        }
    }

    struct UsageError: Error { var message: String }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var remaining = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = remaining.popFirst() else { throw UsageError(message: "\(flag) needs a value") }
            return next
        }
        func count(_ text: String, _ flag: String) throws -> Int {
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
                throw UsageError(message: "\(flag): '\(text)' is not a positive integer")
            }
            return number
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--sizes":
                let text = try value(argument)
                options.sizes = try text.split(separator: ",").map { try count(String($0), argument) }
                if options.sizes.isEmpty { throw UsageError(message: "--sizes: no sizes given") }
                options.sizesGiven = true
            case "--iterations":
                options.iterations = try count(try value(argument), argument)
            case "--json":
                options.jsonPath = try value(argument)
            case "--git":
                options.git = true
            case "--single":
                options.single = try count(try value(argument), argument)
            case "--compare":
                options.compare = (try value(argument), try value(argument))
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                throw UsageError(message: "unknown argument '\(argument)'")
            }
        }
        return options
    }

    /// Measures one size in a fresh process, so its peak RSS is its own.
    static func runChild(n: Int, iterations: Int) throws -> SizeResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath())
        process.arguments = ["--single", String(n), "--iterations", String(iterations)]
        process.currentDirectoryURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError("the measurement of n=\(n) failed (child exit status \(process.terminationStatus))")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
            let result = try? JSONDecoder().decode(SizeResult.self, from: Data(line.utf8))
        else {
            throw BenchError("the measurement of n=\(n) printed no result line:\n\(text)")
        }
        return result
    }

    /// This executable's absolute path (the child must run the same binary).
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
