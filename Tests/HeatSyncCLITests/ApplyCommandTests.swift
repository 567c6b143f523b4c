import Foundation
import HeatSyncCore
import HeatSyncOpenStack
import HeatSyncStore
import OpenStackSimulator
import Testing

@testable import HeatSyncCLI

/// `heatsync apply` end to end: the CLI, the journal in a temp folder, the simulator over loopback.
@Suite struct ApplyCommandTests {
    @Test("apply creates every VM; a second apply changes nothing and makes no mutating call")
    func createThenNoop() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }

        let first = try await cloud.apply()
        #expect(first.exitCode == 0, "\(first.output)")
        #expect(first.output.contains("Apply complete! 7 applied, 0 failed"))
        let counts = try await cloud.stackCounts()
        #expect(counts.count == 7)
        #expect(counts.values.allSatisfy { $0 == 1 })

        await cloud.simulator.clearRequests()
        let second = try await cloud.apply()
        #expect(second.exitCode == 0)
        #expect(second.output.contains("No changes."))
        #expect(await cloud.mutatingHeatCalls().isEmpty)

        let status = try await cloud.run(["status", cloud.repository, "--no-color"])
        #expect(status.exitCode == 0, "\(status.output)")
        #expect(status.output.contains("8 VMs: 7 ACTIVE, 1 DELETED"))  // cache-1 is a tombstone
        #expect(status.output.contains("10.0.0."))
    }

    @Test("creates cost one POST and one GET per VM beside the list pages")
    func callsPerCreate() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        let result = try await cloud.apply()
        #expect(result.exitCode == 0)
        let heat = await cloud.simulator.requests().filter { $0.service == "orchestration" }
        let perStack = heat.filter { !$0.path.hasSuffix("/stacks") }
        #expect(heat.filter { $0.method == "POST" }.count == 7)
        // One GET of each new stack for its outputs; lookups for would-be creates may be
        // name GETs (few creates) or list pages (many).
        #expect(perStack.filter { $0.method == "GET" }.count <= 7 * 2)
        #expect(perStack.filter { $0.method == "GET" && $0.path.split(separator: "/").count > 5 }.count == 7)
    }

    @Test("a changed manifest is updated, a tombstone and a removed manifest are deleted")
    func updateAndDelete() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        #expect(try await cloud.apply().exitCode == 0)

        let web = try cloud.read("projects/shop/vms/web.yaml")
        try cloud.write("projects/shop/vms/web.yaml", web.replacingOccurrences(of: "m1.small", with: "m1.medium"))
        try cloud.remove("projects/shop/vms/worker.yaml")
        await cloud.simulator.clearRequests()
        let result = try await cloud.apply()
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.output.contains("~ shop/web-1 updated"))
        #expect(result.output.contains("- shop/worker-1 deleted"))
        let calls = await cloud.mutatingHeatCalls()
        #expect(calls.filter { $0.method == "PATCH" }.count == 2)
        #expect(calls.filter { $0.method == "DELETE" }.count == 1)
        #expect(calls.filter { $0.method == "POST" }.isEmpty)

        let desired = try cloud.desired()
        let worker = VMID(project: "shop", name: "worker-1")
        #expect(try await cloud.stackCounts()[worker.stackName] == nil)
        #expect(desired.projects["shop"]?.vms.contains { $0.name == "web-1" } == true)
        #expect(try await cloud.apply().output.contains("No changes."))
    }

    @Test("an untagged stack named like a VM is adopted when the manifest asks, never duplicated")
    func adopt() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        let legacy = try #require(try cloud.desired().projects["ml"]?.vms.first { $0.name == "legacy-1" })
        let id = try await cloud.heat().createStack(
            name: legacy.stackName,
            templateJSON: legacy.rendered.body.canonicalText,
            parameters: legacy.rendered.parameters,
            tags: ["made-by-hand"]
        )
        try await Task.sleep(for: .milliseconds(300))

        let result = try await cloud.apply()
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(result.output.contains("<= ml/legacy-1 adopted"))
        let stack = try #require(try await cloud.heat().findStack(name: legacy.stackName))
        #expect(stack.id == id)
        #expect(stack.tags.contains("heatsync-owner=default"))
        #expect(try await cloud.stackCounts()[legacy.stackName] == 1)
        // Adoption does not claim the spec: the next apply brings the stack to the manifest.
        let next = try await cloud.apply()
        #expect(next.output.contains("~ ml/legacy-1 updated"), "\(next.output)")
    }

    @Test("a failed create is reported with Heat's reason and recreated by the next apply")
    func failedCreateRecreated() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        await cloud.simulator.inject(.nextStackCreateFails(reason: "No valid host was found."))
        let failed = try await cloud.apply(["--parallelism", "1"])
        #expect(failed.exitCode == 1)
        #expect(
            failed.output.contains("CREATE_FAILED: Resource CREATE failed: No valid host was found."),
            "\(failed.output)"
        )
        let status = try await cloud.run(["status", cloud.repository, "--no-color"])
        #expect(status.output.contains("ERROR"))
        #expect(status.output.contains("last error:"))
        // The failed stack's Heat events are kept and shown: which resource failed, and why.
        let gpu = VMID(project: "ml", name: "gpu-1").stackName
        #expect(status.output.contains("\(gpu) CREATE_FAILED: Resource CREATE failed"), "\(status.output)")

        let retried = try await cloud.apply()
        #expect(retried.exitCode == 0, "\(retried.output)")
        #expect(retried.output.contains("-/+"))
        #expect(try await cloud.stackCounts().values.allSatisfy { $0 == 1 })
    }

    @Test("a 500 on create is followed by an existence check, never by a second POST")
    func createServerErrorNotRetried() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        var fault = SimulatorFault.errors(status: 500, service: "orchestration")
        fault.method = "POST"
        fault.count = 1
        await cloud.simulator.inject(fault)
        let result = try await cloud.apply(["--parallelism", "1"])
        #expect(result.exitCode == 1)
        let posts = await cloud.simulator.requests().filter { $0.service == "orchestration" && $0.method == "POST" }
        #expect(posts.count == 7)
        #expect(posts.filter { $0.status == 500 }.count == 1)

        let again = try await cloud.apply()
        #expect(again.exitCode == 0, "\(again.output)")
        #expect(again.output.contains("1 applied"))
        let counts = try await cloud.stackCounts()
        #expect(counts.count == 7)
        #expect(counts.values.allSatisfy { $0 == 1 })
    }

    @Test("tokens expiring mid-apply are renewed and every VM is created once")
    func tokenExpiryMidApply() async throws {
        let cloud = try await SimulatedCloud(
            SimulatorConfiguration(tokenLifetime: .seconds(2), createDuration: .milliseconds(2500))
        )
        defer { Task { await cloud.stop() } }
        let result = try await cloud.apply()
        #expect(result.exitCode == 0, "\(result.output)")
        let tokens = await cloud.simulator.requests().filter { $0.service == "identity" && $0.method == "POST" }
        #expect(tokens.count >= 2)
        #expect(try await cloud.stackCounts().values.allSatisfy { $0 == 1 })
    }

    @Test("apply refuses to run unattended without --auto-approve")
    func needsApproval() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        await #expect(throws: (any Error).self) {
            _ = try await cloud.run(["apply", cloud.repository])
        }
        #expect(await cloud.mutatingHeatCalls().isEmpty)
    }

    @Test("every action is in the audit log with the actor, operation id and result")
    func auditLog() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        #expect(try await cloud.apply().exitCode == 0)
        let journal = try SQLiteJournal(path: cloud.repository + "/.heatsync/state.db")
        let audit = try await journal.auditLog(limit: 100)
        let succeeded = audit.filter { $0.result == "succeeded" }
        #expect(succeeded.count == 7)
        #expect(succeeded.allSatisfy { $0.actor == "test-suite" && $0.operationID != nil && $0.stackID != nil })
        #expect(try await journal.openOperations().isEmpty)
        #expect(try await journal.vms().filter { $0.status == .active }.count == 7)
    }
}
