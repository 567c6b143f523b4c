import Foundation
import HeatSyncCore
import HeatSyncEngine
import HeatSyncOpenStack
import HeatSyncStore
import OpenStackSimulator
import Testing

/// The engine against the simulator: races, slow stacks, crashes between intent and act.
@Suite struct ApplierTests {
    @Test("a stack created between plan and apply answers 409: ours is resumed, never duplicated")
    func conflictOnCreateResumes() async throws {
        let harness = try await EngineHarness()
        defer { Task { await harness.stop() } }
        let desired = try harness.desired()
        let plan = Planner.plan(desired: desired, observed: [], journal: JournalSnapshot(), options: PlanOptions())
        // Someone (an earlier, crashed run) created web-1 with our tags after the plan looked.
        let web = try #require(desired.projects["shop"]?.vms.first { $0.name == "web-1" })
        _ = try await harness.heat().createStack(
            name: web.stackName,
            templateJSON: web.rendered.body.canonicalText,
            parameters: web.rendered.parameters,
            tags: web.tags(owner: harness.owner).tags
        )
        let applier = Applier(
            journal: harness.journal,
            connections: harness.connections,
            waiter: StackWaiter(connections: harness.connections, owner: harness.owner, interval: .milliseconds(50)),
            options: harness.options(),
            runID: "run-test"
        )
        let results = await applier.apply(plan.changes, desired: desired)
        #expect(results.count == 7)
        #expect(results.allSatisfy { $0.succeeded }, "\(results.compactMap(\.error))")
        let conflicts = await harness.simulator.requests().filter { $0.method == "POST" && $0.status == 409 }
        #expect(conflicts.count == 1)
        #expect(try await harness.stackCounts()[web.stackName] == 1)
    }

    @Test("a VM deleted while its stack is still being created ends DELETED")
    func deleteWhileProvisioning() async throws {
        let harness = try await EngineHarness(SimulatorConfiguration(createDuration: .seconds(30)))
        defer { Task { await harness.stop() } }
        let only: (inout [RepositoryFile]) -> Void = { files in
            files.removeAll {
                $0.path.hasPrefix("projects/ml") || ($0.path.contains("/vms/") && !$0.path.hasSuffix("web.yaml"))
            }
        }
        // The create is accepted, then the wait gives up long before the 30 s build ends.
        let first = try await harness.run(try harness.desired(only), timeout: .milliseconds(300))
        #expect(first.results.count == 2)
        #expect(first.results.allSatisfy { !$0.succeeded && ($0.error ?? "").contains("timed out") })
        let inProgress = try await harness.heat().listStacks(tags: [])
        #expect(inProgress.count == 2)
        #expect(inProgress.allSatisfy { $0.status == "CREATE_IN_PROGRESS" })

        // Now the manifests say absent.
        let tombstones = try harness.desired { files in
            only(&files)
            files = files.map { file in
                if file.path.hasSuffix("shop/project.yaml") {
                    // Both of the project's VMs go: beyond the default 25 % budget, so lift it.
                    let text = String(decoding: file.bytes, as: UTF8.self)
                    return RepositoryFile(
                        path: file.path,
                        text: text.replacingOccurrences(of: "maxDeletePercent: 25", with: "maxDeletePercent: 100")
                    )
                }
                guard file.path.hasSuffix("web.yaml") else { return file }
                let text = String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(
                    of: "spec:\n",
                    with: "spec:\n  state: absent\n"
                )
                return RepositoryFile(path: file.path, text: text)
            }
        }
        let second = try await harness.run(tombstones)
        #expect(second.results.map(\.change.action) == [.delete, .delete], "\(second.plan.changes.map(\.reason))")
        #expect(second.results.allSatisfy { $0.succeeded }, "\(second.results.compactMap(\.error))")
        #expect(try await harness.stackCounts().isEmpty)
        #expect(try await harness.journal.vms().allSatisfy { $0.status == .deleted })
    }

    @Test("an intent journaled before a crash is finished from the tag list, not repeated")
    func resumeAfterCrash() async throws {
        let harness = try await EngineHarness()
        defer { Task { await harness.stop() } }
        let desired = try harness.desired()
        let web = try #require(desired.projects["shop"]?.vms.first { $0.name == "web-1" })
        let db = try #require(desired.projects["shop"]?.vms.first { $0.name == "db-1" })
        let now = Date()
        // web-1: the crash came after Heat accepted the create. db-1: before the POST.
        for (vm, id) in [(web, "op-web"), (db, "op-db")] {
            try await harness.journal.begin(
                OperationRecord(
                    id: id,
                    vmID: vm.id,
                    project: vm.project,
                    vmName: vm.name,
                    cloud: "devcloud",
                    action: .create,
                    specHash: vm.rendered.specHash,
                    runID: "run-crashed",
                    actor: "test",
                    createdAt: now
                ),
                vm: VMRecord(
                    vmID: vm.id,
                    project: vm.project,
                    name: vm.name,
                    cloud: "devcloud",
                    status: .provisioning,
                    updatedAt: now
                ),
                audit: AuditEntry(at: now, actor: "test", action: "create", result: "started")
            )
        }
        _ = try await harness.heat().createStack(
            name: web.stackName,
            templateJSON: web.rendered.body.canonicalText,
            parameters: web.rendered.parameters,
            tags: web.tags(owner: harness.owner).tags
        )

        let outcome = try await harness.run(desired)
        #expect(outcome.recovered == 2)
        #expect(outcome.failed.isEmpty, "\(outcome.failed.compactMap(\.error))")
        // web-1 was finished, not created again; db-1 was created once.
        #expect(!outcome.results.contains { $0.change.vmID == web.id })
        #expect(outcome.results.contains { $0.change.vmID == db.id && $0.change.action == .create })
        let counts = try await harness.stackCounts()
        #expect(counts.count == 7)
        #expect(counts.values.allSatisfy { $0 == 1 })
        let ops = try await harness.journal.operations(for: web.id)
        #expect(ops.map(\.status) == [.succeeded])
        #expect(try await harness.journal.operations(for: db.id).map(\.status) == [.abandoned, .succeeded])
        #expect(try await harness.journal.openOperations().isEmpty)
    }

    @Test("waiting on many stacks costs one list per project per interval, not a GET per stack")
    func waitingPollsByProject() async throws {
        let harness = try await EngineHarness(SimulatorConfiguration(createDuration: .milliseconds(600)))
        defer { Task { await harness.stop() } }
        let outcome = try await harness.run(try harness.desired())
        #expect(outcome.failed.isEmpty)
        let heat = await harness.simulator.requests().filter { $0.service == "orchestration" && $0.method == "GET" }
        let stackGETs = heat.filter { !$0.path.hasSuffix("/stacks") }
        // Per VM: at most a name lookup (plan) and one read of its outputs.
        #expect(stackGETs.count <= 7 * 2)
        let polls = heat.filter {
            $0.path.hasSuffix("/stacks") && ($0.query["tags"] ?? "").contains("heatsync-project=")
        }
        // ~600 ms of building at 50 ms per poll, two projects: dozens of lists, whatever the VM count.
        #expect(polls.count >= 2)
        #expect(polls.count < 2 * 40)
    }
}
