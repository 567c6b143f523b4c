/// The journal's schema, as numbered SQL migrations. Plain SQL that PostgreSQL also accepts
/// (timestamps are integer milliseconds since 1970), so both stores share one history.
/// Released migrations are never edited: a change is a new entry.
enum JournalMigrations {
    static let all: [(name: String, sql: String)] = [
        (
            "001-journal",
            """
            CREATE TABLE vms (
                vm_id TEXT PRIMARY KEY,
                project TEXT NOT NULL,
                name TEXT NOT NULL,
                cloud TEXT,
                stack_id TEXT,
                desired_state TEXT NOT NULL,
                desired_spec TEXT,
                template_version TEXT,
                applied_parameters TEXT,
                observed_state TEXT,
                status_reason TEXT,
                status TEXT NOT NULL,
                outputs TEXT NOT NULL DEFAULT '{}',
                last_error TEXT,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                requested_at BIGINT,
                active_at BIGINT,
                time_to_active REAL,
                updated_at BIGINT NOT NULL,
                locked_by TEXT,
                locked_until BIGINT
            );
            CREATE INDEX vms_by_project ON vms(project, name);

            CREATE TABLE vm_operations (
                id TEXT PRIMARY KEY,
                vm_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL UNIQUE,
                project TEXT NOT NULL,
                vm_name TEXT,
                cloud TEXT,
                type TEXT NOT NULL,
                status TEXT NOT NULL,
                stack_name TEXT NOT NULL,
                stack_id TEXT,
                spec_hash TEXT,
                attempts INTEGER NOT NULL DEFAULT 1,
                next_retry_at BIGINT,
                last_error TEXT,
                run_id TEXT NOT NULL,
                actor TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                completed_at BIGINT
            );
            CREATE INDEX vm_operations_by_vm ON vm_operations(vm_id, created_at);
            -- Per-VM serialisation: at most one open operation per VM, enforced by the database.
            CREATE UNIQUE INDEX vm_operations_one_open ON vm_operations(vm_id)
                WHERE status IN ('pending', 'submitted');

            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                project TEXT,
                vm_id TEXT,
                operation_id TEXT,
                stack_id TEXT,
                result TEXT NOT NULL,
                detail TEXT
            );
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

            CREATE TABLE stack_events (
                vm_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                resource_name TEXT NOT NULL,
                status TEXT NOT NULL,
                reason TEXT,
                PRIMARY KEY (vm_id, event_id)
            );

            CREATE TABLE sync_runs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT,
                desired_commit TEXT,
                desired_digest TEXT NOT NULL,
                plan_hash TEXT,
                outcome TEXT NOT NULL,
                summary TEXT
            );
            """
        )
    ]
}
