public import Foundation
public import HeatSyncCore

/// The durable journal behind `apply` and `serve` (DESIGN §8): VMs, operations written before
/// their first cloud call, the append-only audit log, recent stack events and sync runs.
///
/// Each method is one transaction. The store is a journal and a cache: losing it loses
/// history, never infrastructure, because Heat's tags say which stacks are ours.
/// Implementations: ``SQLiteJournal`` (the default); PostgreSQL for scale-out.
///
/// ```swift
/// let journal = try SQLiteJournal(path: ".heatsync/state.db")
/// let op = try await journal.begin(operation, vm: row, audit: line)   // before the cloud call
/// … call Heat …
/// try await journal.complete(op.id, status: .succeeded, error: nil, vm: updated, audit: done)
/// ```
public protocol Journal: Sendable {
    /// Every VM the journal knows, sorted by project and name.
    func vms() async throws -> [VMRecord]
    func vm(_ id: VMID) async throws -> VMRecord?
    /// The planner's view: one ``JournalEntry`` per VM.
    func snapshot() async throws -> JournalSnapshot

    /// Writes the intent: inserts `operation` (status `pending`), upserts `vm` and appends
    /// `audit`, in one transaction.
    /// - Throws: ``StoreError`` `operationInFlight` when the VM already has an open operation
    ///   (per-VM serialisation).
    func begin(_ operation: OperationRecord, vm: VMRecord, audit: AuditEntry) async throws
    /// Heat accepted the request: the operation is `submitted`, with the stack's id.
    func submitted(_ operationID: String, stackID: String?, at: Date) async throws
    /// Closes an operation and records its effect on the VM and in the audit log, atomically.
    func complete(
        _ operationID: String,
        status: OperationStatus,
        error: String?,
        vm: VMRecord,
        audit: AuditEntry
    ) async throws
    /// Forgets a VM that is gone (deleted and no longer in the repository).
    func removeVM(_ id: VMID) async throws
    /// Updates what was last observed of VMs without an operation (drift, outputs, status).
    func updateVMs(_ vms: [VMRecord]) async throws

    /// Operations still `pending` or `submitted`: what a crash left behind.
    func openOperations() async throws -> [OperationRecord]
    func operations(for vm: VMID) async throws -> [OperationRecord]

    func appendAudit(_ entry: AuditEntry) async throws
    /// The newest `limit` audit lines, newest first.
    func auditLog(limit: Int) async throws -> [AuditEntry]

    /// Replaces the VM's stored events with the newest `keep` of `events` (given oldest first,
    /// as Heat lists them; among equal times their order is kept).
    func recordEvents(_ events: [StackEventRecord], for vm: VMID, keep: Int) async throws
    /// The VM's stored events, newest first.
    func events(for vm: VMID) async throws -> [StackEventRecord]

    func startRun(_ run: SyncRun) async throws
    func finishRun(_ id: String, outcome: String, summary: String?, at: Date) async throws
    /// The newest `limit` runs, newest first.
    func runs(limit: Int) async throws -> [SyncRun]
}
