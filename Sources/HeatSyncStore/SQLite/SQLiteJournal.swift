public import Foundation
import GRDB
public import HeatSyncCore

/// The default ``Journal``: one SQLite file in WAL mode (`.heatsync/state.db`), through GRDB
/// and the system SQLite. One process writes at a time: opening with `exclusive: true` takes
/// a lock file beside the database, so a second `apply` or `serve` fails fast instead of
/// interleaving its operations with the first one's.
public final class SQLiteJournal: Journal {
    public let path: String
    let pool: DatabasePool
    private let lock: FileLock?

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Parameter exclusive: take the single-writer lock (apply, serve). Readers (`status`)
    ///   pass false.
    /// - Throws: ``StoreError`` when the file is locked, corrupt or unusable.
    public init(path: String, exclusive: Bool = false) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        lock = exclusive ? try FileLock(path: path + ".lock", databasePath: path) : nil
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "heatsync-journal"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try pool.writeWithoutTransaction { db in
                let check = try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "ok"
                if check != "ok" { throw StoreError.corrupt(path, check) }
            }
            var migrator = DatabaseMigrator()
            for migration in JournalMigrations.all {
                migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
            }
            try migrator.migrate(pool)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                throw StoreError.corrupt(path, error.message ?? "\(error.resultCode)")
            default:
                throw StoreError.unusable(path, error.message ?? "\(error.resultCode)")
            }
        }
    }

    // MARK: VMs

    public func vms() async throws -> [VMRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM vms ORDER BY project, name, vm_id").map(Self.vm)
        }
    }

    public func vm(_ id: VMID) async throws -> VMRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM vms WHERE vm_id = ?", arguments: [id.rawValue]).map(Self.vm)
        }
    }

    public func snapshot() async throws -> JournalSnapshot {
        JournalSnapshot(entries: try await vms().map(\.journalEntry))
    }

    public func removeVM(_ id: VMID) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM vms WHERE vm_id = ?", arguments: [id.rawValue])
            try db.execute(sql: "DELETE FROM stack_events WHERE vm_id = ?", arguments: [id.rawValue])
        }
    }

    public func updateVMs(_ vms: [VMRecord]) async throws {
        guard !vms.isEmpty else { return }
        try await pool.write { db in
            for vm in vms { try Self.upsert(vm, db) }
        }
    }

    // MARK: Operations

    public func begin(_ operation: OperationRecord, vm: VMRecord, audit: AuditEntry) async throws {
        try await pool.write { db in
            if let open = try String.fetchOne(
                db,
                sql: "SELECT id FROM vm_operations WHERE vm_id = ? AND status IN ('pending', 'submitted')",
                arguments: [operation.vmID.rawValue]
            ) {
                throw StoreError.operationInFlight(operation.vmID.rawValue, operation: open)
            }
            try Self.insert(operation, db)
            try Self.upsert(vm, db)
            try Self.insert(audit, db)
        }
    }

    public func submitted(_ operationID: String, stackID: String?, at: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE vm_operations SET status = 'submitted', stack_id = COALESCE(?, stack_id), updated_at = ?
                    WHERE id = ? AND status IN ('pending', 'submitted')
                    """,
                arguments: [stackID, Self.millis(at), operationID]
            )
            if db.changesCount == 0 { throw StoreError.unknownOperation(operationID) }
        }
    }

    public func complete(
        _ operationID: String,
        status: OperationStatus,
        error: String?,
        vm: VMRecord,
        audit: AuditEntry
    ) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE vm_operations
                    SET status = ?, last_error = ?, stack_id = COALESCE(?, stack_id), updated_at = ?, completed_at = ?
                    WHERE id = ?
                    """,
                arguments: [
                    status.rawValue, error, vm.stackID, Self.millis(audit.at), Self.millis(audit.at), operationID,
                ]
            )
            if db.changesCount == 0 { throw StoreError.unknownOperation(operationID) }
            try Self.upsert(vm, db)
            try Self.insert(audit, db)
        }
    }

    public func openOperations() async throws -> [OperationRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM vm_operations WHERE status IN ('pending', 'submitted') ORDER BY created_at, id"
            ).map(Self.operation)
        }
    }

    public func operations(for vm: VMID) async throws -> [OperationRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM vm_operations WHERE vm_id = ? ORDER BY created_at, id",
                arguments: [vm.rawValue]
            ).map(Self.operation)
        }
    }

    // MARK: Audit, events, runs

    public func appendAudit(_ entry: AuditEntry) async throws {
        try await pool.write { db in try Self.insert(entry, db) }
    }

    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", arguments: [limit])
                .map(Self.audit)
        }
    }

    public func recordEvents(_ events: [StackEventRecord], for vm: VMID, keep: Int) async throws {
        // Oldest first, Heat's order kept among equal times (Heat stamps whole seconds), so
        // insertion order breaks ties when reading back.
        let newest = events.sorted { $0.at < $1.at }.suffix(keep)
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM stack_events WHERE vm_id = ?", arguments: [vm.rawValue])
            for event in newest {
                try db.execute(
                    sql: """
                        INSERT INTO stack_events (vm_id, event_id, at, resource_name, status, reason)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        vm.rawValue, event.id, Self.millis(event.at), event.resourceName, event.status, event.reason,
                    ]
                )
            }
        }
    }

    public func events(for vm: VMID) async throws -> [StackEventRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM stack_events WHERE vm_id = ? ORDER BY at DESC, rowid DESC",
                arguments: [vm.rawValue]
            ).map { row in
                StackEventRecord(
                    id: row["event_id"],
                    at: Self.date(row["at"]),
                    resourceName: row["resource_name"],
                    status: row["status"],
                    reason: row["reason"]
                )
            }
        }
    }

    public func startRun(_ run: SyncRun) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_runs (id, kind, actor, started_at, desired_commit, desired_digest, plan_hash, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    run.id, run.kind, run.actor, Self.millis(run.startedAt), run.desiredCommit, run.desiredDigest,
                    run.planHash, run.outcome,
                ]
            )
        }
    }

    public func finishRun(_ id: String, outcome: String, summary: String?, at: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sync_runs SET outcome = ?, summary = ?, finished_at = ? WHERE id = ?",
                arguments: [outcome, summary, Self.millis(at), id]
            )
        }
    }

    public func runs(limit: Int) async throws -> [SyncRun] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: [limit]
            )
            .map { row in
                var run = SyncRun(
                    id: row["id"],
                    kind: row["kind"],
                    actor: row["actor"],
                    startedAt: Self.date(row["started_at"]),
                    desiredCommit: row["desired_commit"],
                    desiredDigest: row["desired_digest"],
                    planHash: row["plan_hash"]
                )
                run.finishedAt = (row["finished_at"] as Int64?).map(Self.date)
                run.outcome = row["outcome"]
                run.summary = row["summary"]
                return run
            }
        }
    }
}

extension SQLiteJournal {
    /// Runs raw SQL in a write transaction: for tests and repairs, never for the engine.
    package func execute(sql: String) async throws {
        try await pool.write { db in try db.execute(sql: sql) }
    }
}
