import AllocationCounter
import Foundation
import HeatSyncOpenStack
import OpenStackSimulator

/// `heatsync-heat-bench`: lists N tagged stacks from the OpenStack simulator through
/// `HeatClient.listStacks` and reports requests, wall time and heap allocations per listing.
/// The simulator runs in a child process (this binary with `--serve`), so the allocation
/// counts are the client's alone. See Benchmarks/README.md.
@main
struct HeatListBench {
    static let usage = """
        usage: heatsync-heat-bench [--stacks 10000] [--page-size 100] [--iterations 5]
        """

    static func main() async {
        do {
            let arguments = Array(CommandLine.arguments.dropFirst())
            if arguments == ["--serve"] {
                try await serve()
                return
            }
            let options = try Options(arguments)
            print(try await run(options).text)
        } catch {
            FileHandle.standardError.write(Data("heatsync-heat-bench: \(error)\n\n\(usage)\n".utf8))
            exit(1)
        }
    }

    struct Options {
        var stacks = 10_000
        var pageSize = 100
        var iterations = 5

        init(_ arguments: [String]) throws {
            var remaining = arguments[...]
            while let flag = remaining.popFirst() {
                guard let text = remaining.popFirst(), let value = Int(text.replacingOccurrences(of: "_", with: "")),
                    value > 0
                else { throw BenchError("\(flag) needs a positive integer") }
                switch flag {
                case "--stacks": stacks = value
                case "--page-size": pageSize = value
                case "--iterations": iterations = value
                default: throw BenchError("unknown argument \(flag)")
                }
            }
        }
    }

    /// The child: a simulator on a free loopback port, its URL on stdout, until killed.
    static func serve() async throws {
        let cloud = try await OpenStackSimulator.start(
            SimulatorConfiguration(createDuration: .milliseconds(1), maxStacksPerProject: -1)
        )
        FileHandle.standardOutput.write(Data((cloud.baseURL + "\n").utf8))
        try await cloud.wait()
    }

    static func run(_ options: Options) async throws -> BenchResult {
        let child = try SimulatorProcess.start()
        defer { child.stop() }
        let transport = CurlTransport()
        try await child.admin(
            transport,
            "POST",
            "/_sim/seed",
            ["stacks": options.stacks, "tags": ["heatsync", "owner=bench"]]
        )
        try await child.admin(transport, "POST", "/_sim/seed", ["stacks": 100, "tags": ["heatsync", "owner=other"]])
        let cloud = CloudConfig(
            name: "sim",
            authURL: child.baseURL + "/identity/v3",
            credentials: .password(
                username: "demo",
                userDomain: "Default",
                password: "sim-demo",
                projectName: "demo",
                projectID: nil,
                projectDomain: "Default"
            )
        )
        let heat = HeatClient(session: KeystoneSession(cloud: cloud, transport: transport))
        // Warm-up: authenticates, settles the seeded creates, fills the simulator's caches.
        _ = try await heat.listStacks(tags: ["owner=bench"], pageSize: options.pageSize)
        var runs: [BenchResult.Run] = []
        for _ in 0..<options.iterations {
            try await child.admin(transport, "DELETE", "/_sim/requests", nil)
            let allocations = heatsync_allocation_count()
            let bytes = heatsync_allocated_bytes()
            let started = ContinuousClock.now
            let stacks = try await heat.listStacks(tags: ["owner=bench"], pageSize: options.pageSize)
            let elapsed = started.duration(to: .now)
            let allocated = heatsync_allocation_count() - allocations
            let allocatedBytes = heatsync_allocated_bytes() - bytes
            let requests = try await child.requestCount(transport)
            runs.append(
                BenchResult.Run(
                    stacks: stacks.count,
                    requests: requests,
                    milliseconds: Double(elapsed.components.attoseconds) / 1e15
                        + Double(elapsed.components.seconds) * 1000,
                    allocations: Int(allocated),
                    allocatedBytes: Int(allocatedBytes)
                )
            )
        }
        return BenchResult(options: options, runs: runs)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
