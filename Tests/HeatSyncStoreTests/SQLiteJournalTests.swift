import Foundation
import HeatSyncCore
import HeatSyncStore
import Testing

/// The SQLite journal in a temp folder: intent rows, per-VM serialisation, the append-only
/// audit log, events, the single-writer lock and corruption.
@Suite struct SQLiteJournalTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-store-\(UUID().uuidString)")
    var path: String { folder.appendingPathComponent("state.db").path }
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func operation(_ id: String, vm: VMID, action: PlanAction = .create) -> OperationRecord {
        OperationRecord(
            id: id,
            vmID: vm,
            project: "shop",
            vmName: "web-1",
            cloud: "devcloud",
            action: action,
            specHash: "0123",
            runID: "run-1",
            actor: "alice",
            createdAt: t0
        )
    }

    func row(_ vm: VMID, status: VMStatus = .provisioning) -> VMRecord {
        VMRecord(vmID: vm, project: "shop", name: "web-1", cloud: "devcloud", status: status, updatedAt: t0)
    }

    func audit(_ vm: VMID, _ result: String) -> AuditEntry {
        AuditEntry(at: t0, actor: "alice", action: "create", project: "shop", vmID: vm, result: result)
    }

    @Test("an intent is journaled with its VM and audit line, and completing it closes it")
    func intentThenComplete() async throws {
        let journal = try SQLiteJournal(path: path)
        let vm = VMID(project: "shop", name: "web-1")
        try await journal.begin(operation("op-1", vm: vm), vm: row(vm), audit: audit(vm, "started"))
        #expect(try await journal.openOperations().map(\.id) == ["op-1"])
        try await journal.submitted("op-1", stackID: "stack-1", at: t0)
        #expect(try await journal.openOperations().first?.status == .submitted)

        var done = row(vm, status: .active)
        done.stackID = "stack-1"
        done.outputs = ["private_ip": "10.0.0.5"]
        done.appliedParameters = ["flavor": "m1.small"]
        try await journal.complete("op-1", status: .succeeded, error: nil, vm: done, audit: audit(vm, "succeeded"))

        #expect(try await journal.openOperations().isEmpty)
        let stored = try #require(try await journal.vm(vm))
        #expect(stored.status == .active)
        #expect(stored.outputs["private_ip"] == "10.0.0.5")
        #expect(try await journal.snapshot()[vm]?.appliedParameters == ["flavor": "m1.small"])
        let ops = try await journal.operations(for: vm)
        #expect(ops.first?.stackID == "stack-1")
        #expect(ops.first?.completedAt != nil)
        #expect(try await journal.auditLog(limit: 10).map(\.result) == ["succeeded", "started"])
    }

    @Test("a VM never has two open operations")
    func perVMSerialisation() async throws {
        let journal = try SQLiteJournal(path: path)
        let vm = VMID(project: "shop", name: "web-1")
        try await journal.begin(operation("op-1", vm: vm), vm: row(vm), audit: audit(vm, "started"))
        await #expect {
            try await journal.begin(
                operation("op-2", vm: vm, action: .delete),
                vm: row(vm),
                audit: audit(vm, "started")
            )
        } throws: { error in
            (error as? StoreError)?.isOperationInFlight == true
        }
        // Another VM is not held up.
        let other = VMID(project: "shop", name: "web-2")
        try await journal.begin(operation("op-3", vm: other), vm: row(other), audit: audit(other, "started"))
        #expect(try await journal.openOperations().count == 2)
    }

    @Test("the audit log is append-only, even to SQL")
    func auditAppendOnly() async throws {
        let journal = try SQLiteJournal(path: path)
        try await journal.appendAudit(
            AuditEntry(at: t0, actor: "alice", action: "override:allow-empty", result: "recorded")
        )
        let raw = journal
        let entries = try await raw.auditLog(limit: 5)
        #expect(entries.count == 1)
        #expect(entries.first?.sequence == 1)
        await #expect(throws: (any Error).self) { try await raw.execute(sql: "DELETE FROM audit_log") }
        await #expect(throws: (any Error).self) { try await raw.execute(sql: "UPDATE audit_log SET actor = 'mallory'") }
        #expect(try await raw.auditLog(limit: 5).first?.actor == "alice")
    }

    @Test("only the newest events of a VM are kept")
    func eventsBounded() async throws {
        let journal = try SQLiteJournal(path: path)
        let vm = VMID(project: "shop", name: "web-1")
        let events = (0..<30).map {
            StackEventRecord(
                id: "e\($0)",
                at: t0.addingTimeInterval(Double($0)),
                resourceName: "server",
                status: "CREATE_IN_PROGRESS",
                reason: nil
            )
        }
        try await journal.recordEvents(events, for: vm, keep: 5)
        #expect(try await journal.events(for: vm).map(\.id) == ["e29", "e28", "e27", "e26", "e25"])
    }

    @Test("a second writer is refused while the first holds the store")
    func singleWriter() async throws {
        let first = try SQLiteJournal(path: path, exclusive: true)
        #expect(throws: StoreError.self) { try SQLiteJournal(path: path, exclusive: true) }
        // Readers are welcome.
        let reader = try SQLiteJournal(path: path)
        #expect(try await reader.vms().isEmpty)
        _ = first
    }

    @Test("a corrupt database is named, with what to do")
    func corruptFile() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        do {
            _ = try SQLiteJournal(path: path)
            Issue.record("a corrupt file opened")
        } catch let error as StoreError {
            #expect(error.isCorrupt)
            #expect(error.description.contains(path))
            #expect(error.description.contains("move it aside"))
        }
    }

    @Test("runs are recorded with their outcome")
    func runs() async throws {
        let journal = try SQLiteJournal(path: path)
        try await journal.startRun(
            SyncRun(
                id: "run-1",
                kind: "apply",
                actor: "alice",
                startedAt: t0,
                desiredCommit: nil,
                desiredDigest: "d",
                planHash: nil
            )
        )
        try await journal.finishRun("run-1", outcome: "succeeded", summary: "3 applied", at: t0.addingTimeInterval(5))
        let run = try #require(try await journal.runs(limit: 1).first)
        #expect(run.outcome == "succeeded")
        #expect(run.finishedAt == t0.addingTimeInterval(5))
    }
}
