import Foundation
import HeatSyncCore
import HeatSyncOpenStack
import HeatSyncStore
import OpenStackSimulator
import Testing

@testable import HeatSyncCLI

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 of a real `heatsync apply` process at many points, then one more apply: every VM
/// has exactly one stack, nothing is left open in the journal, and the journal agrees with Heat.
@Suite(.serialized) struct CrashResumeTests {
    static let binary = CLI.repositoryRoot.appendingPathComponent(".build/debug/heatsync").path

    @Test(
        "apply killed at 24 random points leaves no duplicate and no lost operation",
        .enabled(if: FileManager.default.isExecutableFile(atPath: binary), "needs the built heatsync binary")
    )
    func killNineAtRandomPoints() async throws {
        let cloud = try await SimulatedCloud(
            SimulatorConfiguration(
                createDuration: .milliseconds(400),
                updateDuration: .milliseconds(300),
                deleteDuration: .milliseconds(300)
            )
        )
        defer { Task { await cloud.stop() } }
        let web = try cloud.read("projects/shop/vms/web.yaml")
        let worker = try cloud.read("projects/shop/vms/worker.yaml")
        var random = SeededRandom(seed: 20_261_125)

        for round in 0..<24 {
            // Alternate desired states so creates, updates and deletes are all interrupted.
            if round % 2 == 0 {
                try cloud.write("projects/shop/vms/web.yaml", web)
                try cloud.write("projects/shop/vms/worker.yaml", worker)
            } else {
                try cloud.write(
                    "projects/shop/vms/web.yaml",
                    web.replacingOccurrences(of: "m1.small", with: "m1.medium")
                )
                try cloud.remove("projects/shop/vms/worker.yaml")
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = ["apply", cloud.repository, "--auto-approve", "--poll-interval", "0.05", "--no-color"]
            process.environment = cloud.environment.merging(["PATH": "/usr/bin:/bin"]) { first, _ in first }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(for: .milliseconds(Int(random.next() % 900)))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }

        // The repository ends in the first state; one uninterrupted apply repairs everything.
        try cloud.write("projects/shop/vms/web.yaml", web)
        try cloud.write("projects/shop/vms/worker.yaml", worker)
        let final = try await cloud.apply()
        #expect(final.exitCode == 0, "\(final.output)")

        let stacks = try await cloud.heat().listStacks(tags: [])
        let counts = stacks.reduce(into: [String: Int]()) { $0[$1.name, default: 0] += 1 }
        #expect(counts.values.allSatisfy { $0 == 1 }, "duplicates: \(counts.filter { $0.value > 1 })")
        let desired = try cloud.desired()
        let wanted = Set(
            desired.projects.values.flatMap(\.vms).filter { $0.manifest.spec.state == .present }.map(\.stackName)
        )
        #expect(Set(counts.keys) == wanted)

        let journal = try SQLiteJournal(path: cloud.repository + "/.heatsync/state.db")
        #expect(try await journal.openOperations().isEmpty)
        let live = Dictionary(stacks.map { ($0.name, $0.id) }) { first, _ in first }
        for vm in try await journal.vms() where vm.status == .active {
            #expect(live[vm.stackName] == vm.stackID, "journal and Heat disagree on \(vm.name)")
        }
        // The kills did land mid-run, and mid-operation: runs never finished, operations resumed.
        let killed = try await journal.runs(limit: 100).filter { $0.outcome == "running" }
        #expect(killed.count >= 5)
        let resumed = try await journal.auditLog(limit: 10_000).filter { ($0.detail ?? "").hasPrefix("resumed:") }
        #expect(resumed.count >= 1)
        #expect(try await cloud.apply().output.contains("No changes."))
    }
}

/// SplitMix64: a seeded generator, so a failing run can be replayed.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
