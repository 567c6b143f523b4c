public import Foundation
public import HeatSyncCore
import HeatSyncOpenStack
public import HeatSyncStore

/// Carries out the executable changes of a plan (DESIGN §4): for each VM, write the intent
/// to the journal, make the cloud call, wait for the stack to settle through the shared
/// ``StackWaiter``, and record the outcome — serial per VM, up to `parallelism` VMs at once.
///
/// Writes are never retried blindly: a create that failed without an answer is followed by
/// an existence check, and a 409 means "look, then adopt or resume", never "create again".
public struct Applier: Sendable {
    let journal: any Journal
    let connections: CloudConnections
    let waiter: StackWaiter
    let options: ApplyOptions
    let runID: String
    let now: @Sendable () -> Date
    let report: @Sendable (ApplyEvent) -> Void

    public init(
        journal: any Journal,
        connections: CloudConnections,
        waiter: StackWaiter,
        options: ApplyOptions,
        runID: String,
        now: @escaping @Sendable () -> Date = { Date() },
        report: @escaping @Sendable (ApplyEvent) -> Void = { _ in }
    ) {
        self.journal = journal
        self.connections = connections
        self.waiter = waiter
        self.options = options
        self.runID = runID
        self.now = now
        self.report = report
    }

    /// Applies every executable change of `changes`, returning one result each, in order.
    public func apply(_ changes: [PlannedChange], desired: DesiredState) async -> [ChangeResult] {
        let work = changes.filter(\.isExecutable)
        var vms: [VMID: DesiredVM] = [:]
        for project in desired.projects.values {
            for vm in project.vms { vms[vm.id] = vm }
        }
        // One read of the journal for the whole run; each VM's row is then only written.
        let records: [VMID: VMRecord]
        do {
            records = Dictionary(try await journal.vms().map { ($0.vmID, $0) }) { first, _ in first }
        } catch {
            return work.map { failure($0, operationID: nil, error: "\(error)", started: now()) }
        }
        var results: [Int: ChangeResult] = [:]
        await withTaskGroup(of: (Int, ChangeResult).self) { group in
            var next = 0
            func startNext() {
                guard next < work.count else { return }
                let index = next
                let change = work[index]
                let cloud = connections.cloud(for: desired.projects[change.project])
                let vm = vms[change.vmID]
                let record = records[change.vmID]
                group.addTask { (index, await execute(change, vm: vm, record: record, cloud: cloud)) }
                next += 1
            }
            for _ in 0..<min(options.parallelism, work.count) { startNext() }
            for await (index, result) in group {
                results[index] = result
                startNext()
            }
        }
        return work.indices.compactMap { results[$0] }
    }

    /// One VM: intent, action, outcome. Never throws: every failure becomes a result.
    func execute(
        _ change: PlannedChange,
        vm: DesiredVM?,
        record known: VMRecord?,
        cloud: String?
    ) async
        -> ChangeResult
    {
        let started = now()
        let operationID = "op-" + UUID().uuidString.lowercased()
        var record = known ?? newRecord(change, vm: vm, cloud: cloud)
        let cloud = record.cloud ?? cloud
        record.cloud = cloud
        record.status = StatusDerivation.status(
            .init(desired: vm?.manifest.spec.state, stack: nil, inFlight: change.action)
        )
        if change.action != .delete { record.requestedAt = started }
        record.updatedAt = started
        let operation = OperationRecord(
            id: operationID,
            vmID: change.vmID,
            project: change.project,
            vmName: change.vm,
            cloud: cloud,
            action: change.action,
            stackID: change.stackID,
            specHash: change.action == .delete ? nil : change.specHash,
            runID: runID,
            actor: options.actor,
            createdAt: started
        )
        do {
            try await journal.begin(operation, vm: record, audit: audit(change, operationID, "started", at: started))
        } catch {
            return failure(change, operationID: nil, error: "\(error)", started: started)
        }
        report(.started(change, operationID: operationID))

        do {
            let clients = try await connections.clients(cloud: cloud)
            let action = StackAction(
                clients: clients,
                waiter: waiter,
                options: options,
                cloud: cloud,
                submitted: { stackID in
                    try? await journal.submitted(operationID, stackID: stackID, at: now())
                    report(.submitted(change, stackID: stackID))
                }
            )
            let stack = try await action.perform(change, vm: vm)
            let finished = now()
            if let stack {
                let claimed = change.action == .adopt ? nil : vm?.rendered.specHash
                record.recordSettled(stack, claimedSpec: claimed, vm: vm, at: finished)
            } else {
                record.recordDeleted(at: finished)
            }
            try await journal.complete(
                operationID,
                status: .succeeded,
                error: nil,
                vm: record,
                audit: audit(change, operationID, "succeeded", stackID: stack?.id ?? change.stackID, at: finished)
            )
            let result = ChangeResult(
                change: change,
                operationID: operationID,
                succeeded: true,
                error: nil,
                stack: stack,
                elapsed: finished.timeIntervalSince(started)
            )
            report(.finished(result))
            return result
        } catch {
            let finished = now()
            let message = "\(error)"
            record.recordFailure(message, at: finished)
            await recordEvents(of: change, failure: error, cloud: cloud)
            try? await journal.complete(
                operationID,
                status: .failed,
                error: message,
                vm: record,
                audit: audit(change, operationID, "failed", detail: message, at: finished)
            )
            return failure(change, operationID: operationID, error: message, started: started)
        }
    }

    /// Keeps the failed stack's newest Heat events, which say which resource failed and why
    /// (one request per failure, none on success).
    private func recordEvents(of change: PlannedChange, failure: any Error, cloud: String?) async {
        guard let stackID = (failure as? ApplyError)?.stackID,
            let heat = try? await connections.clients(cloud: cloud).heat,
            let events = try? await heat.events(name: change.stack, id: stackID, limit: options.eventsToKeep)
        else { return }
        // Heat lists newest first (NOTES §2); the journal takes them oldest first.
        let records = events.reversed().map { event in
            StackEventRecord(
                id: event.id,
                at: event.time.flatMap(Timestamps.parse) ?? now(),
                resourceName: event.resourceName,
                status: event.status,
                reason: event.statusReason
            )
        }
        try? await journal.recordEvents(records, for: change.vmID, keep: options.eventsToKeep)
    }

    private func newRecord(_ change: PlannedChange, vm: DesiredVM?, cloud: String?) -> VMRecord {
        VMRecord(
            vmID: change.vmID,
            project: change.project,
            name: change.vm ?? change.stack,
            cloud: cloud,
            stackID: change.stackID,
            desiredState: vm?.manifest.spec.state ?? .absent,
            stackStatus: change.stackStatus,
            updatedAt: now()
        )
    }

    private func failure(_ change: PlannedChange, operationID: String?, error: String, started: Date) -> ChangeResult {
        let result = ChangeResult(
            change: change,
            operationID: operationID,
            succeeded: false,
            error: error,
            stack: nil,
            elapsed: now().timeIntervalSince(started)
        )
        report(.finished(result))
        return result
    }

    private func audit(
        _ change: PlannedChange,
        _ operationID: String,
        _ result: String,
        stackID: String? = nil,
        detail: String? = nil,
        at: Date
    ) -> AuditEntry {
        AuditEntry(
            at: at,
            actor: options.actor,
            action: change.action.rawValue,
            project: change.project,
            vmID: change.vmID,
            operationID: operationID,
            stackID: stackID ?? change.stackID,
            result: result,
            detail: detail ?? (result == "started" ? change.reason.rawValue : nil)
        )
    }
}
