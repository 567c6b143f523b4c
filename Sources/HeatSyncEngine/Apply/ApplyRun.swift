public import Foundation
public import HeatSyncCore
public import HeatSyncStore

/// One `heatsync apply`: observe → settle what an earlier run left open → plan (or check a
/// saved plan) → confirm → apply → record. Each step's result is in the journal before the
/// next step starts, so a crash anywhere is repaired by the next run.
public struct ApplyRun: Sendable {
    /// What the run did.
    public struct Outcome: Sendable {
        public var plan: Plan
        public var results: [ChangeResult]
        /// Operations of earlier runs settled first.
        public var recovered: Int
        /// The confirmation was declined: nothing was applied.
        public var declined: Bool

        public var failed: [ChangeResult] { results.filter { !$0.succeeded } }
    }

    let journal: any Journal
    let connections: CloudConnections
    let planOptions: PlanOptions
    let options: ApplyOptions
    let now: @Sendable () -> Date
    let report: @Sendable (ApplyEvent) -> Void

    public init(
        journal: any Journal,
        connections: CloudConnections,
        planOptions: PlanOptions,
        options: ApplyOptions,
        now: @escaping @Sendable () -> Date = { Date() },
        report: @escaping @Sendable (ApplyEvent) -> Void = { _ in }
    ) {
        self.journal = journal
        self.connections = connections
        self.planOptions = planOptions
        self.options = options
        self.now = now
        self.report = report
    }

    /// - Parameters:
    ///   - saved: a plan from `plan --out`; applied exactly, or refused when stale.
    ///   - confirm: asked once when there is something to do; false stops the run.
    /// - Throws: ``ApplyError`` `stalePlan`; cloud errors while observing; journal errors.
    public func run(
        desired: DesiredState,
        saved: Plan? = nil,
        confirm: @Sendable (Plan) async -> Bool = { _ in true }
    ) async throws -> Outcome {
        let runID = "run-" + UUID().uuidString.lowercased()
        let waiter = StackWaiter(connections: connections, owner: options.owner, interval: options.pollInterval)
        try await journal.startRun(
            SyncRun(
                id: runID,
                kind: "apply",
                actor: options.actor,
                startedAt: now(),
                desiredCommit: desired.commit,
                desiredDigest: desired.digest,
                planHash: saved?.hash
            )
        )
        do {
            let outcome = try await execute(
                desired: desired,
                saved: saved,
                waiter: waiter,
                runID: runID,
                confirm: confirm
            )
            let failed = outcome.failed.count
            try await journal.finishRun(
                runID,
                outcome: outcome.declined ? "declined" : failed > 0 ? "failed" : "succeeded",
                summary: "\(outcome.results.count - failed) applied, \(failed) failed, \(outcome.recovered) resumed",
                at: now()
            )
            return outcome
        } catch {
            try? await journal.finishRun(runID, outcome: "failed", summary: "\(error)", at: now())
            throw error
        }
    }

    private func execute(
        desired: DesiredState,
        saved: Plan?,
        waiter: StackWaiter,
        runID: String,
        confirm: @Sendable (Plan) async -> Bool
    ) async throws -> Outcome {
        let known = try await journal.vms()
        let extraClouds = Set(known.map(\.cloud))
        var observed = try await CloudObserver.observe(
            desired,
            connections: connections,
            owner: options.owner,
            extraClouds: extraClouds
        )
        let open = try await journal.openOperations()
        if !open.isEmpty {
            let recovery = Recovery(journal: journal, waiter: waiter, options: options, now: now, report: report)
            if try await recovery.settle(open, observed: observed) {
                observed = try await CloudObserver.observe(
                    desired,
                    connections: connections,
                    owner: options.owner,
                    extraClouds: extraClouds
                )
            }
        }
        let snapshot = try await journal.snapshot()
        var plan = Planner.plan(desired: desired, observed: observed, journal: snapshot, options: planOptions)
        if let saved {
            try Self.check(saved, against: plan, desired: desired)
            plan = saved
        }
        try await recordUntracked(plan, observed: observed, desired: desired)
        guard plan.summary.executable > 0 else {
            return Outcome(plan: plan, results: [], recovered: open.count, declined: false)
        }
        guard await confirm(plan) else {
            return Outcome(plan: plan, results: [], recovered: open.count, declined: true)
        }
        try await auditOverrides(plan)
        let applier = Applier(
            journal: journal,
            connections: connections,
            waiter: waiter,
            options: options,
            runID: runID,
            now: now,
            report: report
        )
        let results = await applier.apply(plan.changes, desired: desired)
        return Outcome(plan: plan, results: results, recovered: open.count, declined: false)
    }

    /// A saved plan applies only to the desired state and the stacks it was made from.
    static func check(_ saved: Plan, against fresh: Plan, desired: DesiredState) throws {
        guard saved.formatVersion == Plan.formatVersion else {
            throw ApplyError.stalePlan(
                "it has format \(saved.formatVersion); this heatsync writes \(Plan.formatVersion)"
            )
        }
        if let commit = saved.desiredCommit, let now = desired.commit, commit != now {
            throw ApplyError.stalePlan(
                "it was made at commit \(commit.prefix(12)), the repository is at \(now.prefix(12))"
            )
        }
        guard saved.desiredDigest == desired.digest else {
            throw ApplyError.stalePlan("the repository's manifests or templates changed since it was made")
        }
        guard saved.observedFingerprint == fresh.observedFingerprint else {
            throw ApplyError.stalePlan("the cloud's stacks changed since it was made")
        }
        guard saved.options.owner == fresh.options.owner else {
            throw ApplyError.stalePlan("it was made for owner '\(saved.options.owner)'")
        }
    }

    /// VMs whose stack is ours and current but the journal does not know (a lost or new
    /// state database): recorded, so the journal can always be rebuilt from the tags.
    private func recordUntracked(_ plan: Plan, observed: [ObservedStack], desired: DesiredState) async throws {
        let stacks = Dictionary(observed.map { ($0.name, $0) }) { first, _ in first }
        let vms = Dictionary(desired.projects.values.flatMap(\.vms).map { ($0.id, $0) }) { first, _ in first }
        var rows: [VMRecord] = []
        for change in plan.changes where change.action == .noop && change.reason == .untracked {
            guard let stack = stacks[change.stack], let vm = vms[change.vmID] else { continue }
            var row = VMRecord(
                vmID: vm.id,
                project: vm.project,
                name: vm.name,
                cloud: connections.cloud(for: desired.projects[vm.project]),
                updatedAt: now()
            )
            row.recordSettled(stack, claimedSpec: stack.heatTags.specHash, vm: vm, at: now())
            rows.append(row)
        }
        try await journal.updateVMs(rows)
        for row in rows {
            try await journal.appendAudit(
                AuditEntry(
                    at: now(),
                    actor: options.actor,
                    action: "record",
                    project: row.project,
                    vmID: row.vmID,
                    stackID: row.stackID,
                    result: "recorded",
                    detail: "stack found by its tags; journal row rebuilt"
                )
            )
        }
    }

    /// Overrides of the safety rules are explicit, and on the record.
    private func auditOverrides(_ plan: Plan) async throws {
        let flags = [
            ("prune-orphans", plan.options.pruneOrphans),
            ("allow-empty", plan.options.allowEmpty),
            ("allow-mass-delete", plan.options.allowMassDelete),
        ]
        for (flag, set) in flags where set {
            try await journal.appendAudit(
                AuditEntry(at: now(), actor: options.actor, action: "override:\(flag)", result: "recorded")
            )
        }
    }
}
