import Foundation
import GRDB
import HeatSyncCore

/// Rows ↔ records. Timestamps are integer milliseconds; maps are sorted-key JSON text.
extension SQLiteJournal {
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
    static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

    static func json(_ map: [String: String]?) -> String? {
        guard let map else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(map)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func map(_ text: String?) -> [String: String]? {
        guard let text else { return nil }
        return try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    static func upsert(_ vm: VMRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO vms (vm_id, project, name, cloud, stack_id, desired_state, desired_spec, template_version,
                    applied_parameters, observed_state, status_reason, status, outputs, last_error, failed_attempts,
                    requested_at, active_at, time_to_active, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (vm_id) DO UPDATE SET
                    project = excluded.project, name = excluded.name, cloud = excluded.cloud,
                    stack_id = excluded.stack_id, desired_state = excluded.desired_state,
                    desired_spec = excluded.desired_spec, template_version = excluded.template_version,
                    applied_parameters = excluded.applied_parameters, observed_state = excluded.observed_state,
                    status_reason = excluded.status_reason, status = excluded.status, outputs = excluded.outputs,
                    last_error = excluded.last_error, failed_attempts = excluded.failed_attempts,
                    requested_at = excluded.requested_at, active_at = excluded.active_at,
                    time_to_active = excluded.time_to_active, updated_at = excluded.updated_at
                """,
            arguments: [
                vm.vmID.rawValue, vm.project, vm.name, vm.cloud, vm.stackID, vm.desiredState.rawValue, vm.specHash,
                vm.template, json(vm.appliedParameters), vm.stackStatus, vm.statusReason, vm.status.rawValue,
                json(vm.outputs) ?? "{}", vm.lastError, vm.failedAttempts, vm.requestedAt.map(millis),
                vm.activeAt.map(millis), vm.timeToActive, millis(vm.updatedAt),
            ]
        )
    }

    static func vm(_ row: Row) -> VMRecord {
        VMRecord(
            vmID: VMID(rawValue: row["vm_id"]),
            project: row["project"],
            name: row["name"],
            cloud: row["cloud"],
            stackID: row["stack_id"],
            desiredState: DesiredPresence(rawValue: row["desired_state"]) ?? .present,
            specHash: row["desired_spec"],
            template: row["template_version"],
            appliedParameters: map(row["applied_parameters"]),
            stackStatus: row["observed_state"],
            statusReason: row["status_reason"],
            status: VMStatus(rawValue: row["status"]) ?? .pending,
            outputs: map(row["outputs"]) ?? [:],
            lastError: row["last_error"],
            failedAttempts: row["failed_attempts"],
            requestedAt: (row["requested_at"] as Int64?).map(date),
            activeAt: (row["active_at"] as Int64?).map(date),
            timeToActive: row["time_to_active"],
            updatedAt: date(row["updated_at"])
        )
    }

    static func insert(_ operation: OperationRecord, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO vm_operations (id, vm_id, idempotency_key, project, vm_name, cloud, type, status,
                    stack_name, stack_id, spec_hash, attempts, last_error, run_id, actor, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                operation.id, operation.vmID.rawValue, operation.idempotencyKey, operation.project, operation.vmName,
                operation.cloud, operation.action.rawValue, operation.status.rawValue, operation.stackName,
                operation.stackID, operation.specHash, operation.attempts, operation.lastError, operation.runID,
                operation.actor, millis(operation.createdAt), millis(operation.updatedAt),
            ]
        )
    }

    static func operation(_ row: Row) -> OperationRecord {
        OperationRecord(
            id: row["id"],
            vmID: VMID(rawValue: row["vm_id"]),
            project: row["project"],
            vmName: row["vm_name"],
            cloud: row["cloud"],
            action: PlanAction(rawValue: row["type"]) ?? .noop,
            status: OperationStatus(rawValue: row["status"]) ?? .abandoned,
            stackID: row["stack_id"],
            specHash: row["spec_hash"],
            attempts: row["attempts"],
            lastError: row["last_error"],
            runID: row["run_id"],
            actor: row["actor"],
            createdAt: date(row["created_at"]),
            updatedAt: date(row["updated_at"]),
            completedAt: (row["completed_at"] as Int64?).map(date)
        )
    }

    static func insert(_ entry: AuditEntry, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO audit_log (at, actor, action, project, vm_id, operation_id, stack_id, result, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                millis(entry.at), entry.actor, entry.action, entry.project, entry.vmID?.rawValue, entry.operationID,
                entry.stackID, entry.result, entry.detail,
            ]
        )
    }

    static func audit(_ row: Row) -> AuditEntry {
        var entry = AuditEntry(
            at: date(row["at"]),
            actor: row["actor"],
            action: row["action"],
            project: row["project"],
            vmID: (row["vm_id"] as String?).map(VMID.init(rawValue:)),
            operationID: row["operation_id"],
            stackID: row["stack_id"],
            result: row["result"],
            detail: row["detail"]
        )
        entry.sequence = row["seq"]
        return entry
    }
}
