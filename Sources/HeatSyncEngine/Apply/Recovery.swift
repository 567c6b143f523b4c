public import Foundation
public import HeatSyncCore
public import HeatSyncStore

/// Settles operations an earlier run left open (a crash, a kill -9, a lost connection) from
/// the journal plus the tag list, before anything new is planned (DESIGN §4):
///
/// | open operation | stack now | result |
/// |---|---|---|
/// | create, update, adopt, retry, replace, recreate | ours, in progress | wait, then succeeded or failed |
/// | — | ours, `*_COMPLETE` with the operation's spec | succeeded |
/// | — | ours, `*_FAILED` | failed |
/// | — | missing, not ours, or another spec | abandoned: the plan decides again |
/// | delete | missing | succeeded |
/// | — | `DELETE_IN_PROGRESS` | wait until gone |
/// | — | otherwise | abandoned |
/// | start, stop | any | abandoned (the plan compares power again) |
///
/// Nothing is created here, so nothing is created twice; nothing open is left behind.
public struct Recovery: Sendable {
    let journal: any Journal
    let waiter: StackWaiter
    let options: ApplyOptions
    let now: @Sendable () -> Date
    let report: @Sendable (ApplyEvent) -> Void

    public init(
        journal: any Journal,
        waiter: StackWaiter,
        options: ApplyOptions,
        now: @escaping @Sendable () -> Date = { Date() },
        report: @escaping @Sendable (ApplyEvent) -> Void = { _ in }
    ) {
        self.journal = journal
        self.waiter = waiter
        self.options = options
        self.now = now
        self.report = report
    }

    /// Settles every open operation. Returns whether any stack was waited on (the caller
    /// then observes again before planning).
    public func settle(_ operations: [OperationRecord], observed: [ObservedStack]) async throws -> Bool {
        var stacks: [String: ObservedStack] = [:]
        for stack in observed where !stack.isDeleted { stacks[stack.name] = stack }
        var waited = false
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for operation in operations {
                let stack = stacks[operation.stackName]
                group.addTask { try await settle(operation, stack: stack) }
            }
            for try await didWait in group { waited = waited || didWait }
        }
        return waited
    }

    private func settle(_ operation: OperationRecord, stack observed: ObservedStack?) async throws -> Bool {
        var stack = observed
        let ours = stack.map { StackTags(parsing: $0.tags).owner == options.owner } ?? false
        var waited = false
        if let current = stack, ours, current.isInProgress {
            waited = true
            stack = try? await waiter.wait(
                for: operation.stackName,
                project: operation.project,
                cloud: operation.cloud,
                goal: operation.action == .delete ? .gone : .settled,
                timeout: options.actionTimeout
            )
        }
        let (status, detail) = Self.outcome(operation, stack: stack, ours: ours)
        try await close(operation, status: status, detail: detail, stack: stack)
        return waited
    }

    public static func outcome(
        _ operation: OperationRecord,
        stack: ObservedStack?,
        ours: Bool
    ) -> (OperationStatus, String) {
        switch operation.action {
        case .delete:
            guard let stack else { return (.succeeded, "the stack is gone") }
            return (.abandoned, "the stack is still \(stack.status)")
        case .start, .stop:
            return (.abandoned, "power is compared again by the next plan")
        case .orphan, .conflict, .noop:
            return (.abandoned, "nothing to do")
        case .create, .recreate, .update, .replace, .retry, .adopt:
            guard let stack else { return (.abandoned, "the cloud has no stack: the plan decides again") }
            guard ours else { return (.abandoned, "the stack is not ours") }
            if stack.isInProgress { return (.abandoned, "the stack is still \(stack.status)") }
            if stack.isFailed || stack.status.hasPrefix("ROLLBACK") {
                return (.failed, "\(stack.status)" + (stack.statusReason.map { ": \($0)" } ?? ""))
            }
            let spec = stack.heatTags.specHash
            if operation.action == .adopt || spec == operation.specHash {
                return (.succeeded, "the stack is \(stack.status)")
            }
            return (.abandoned, "the stack has another spec: the plan decides again")
        }
    }

    private func close(
        _ operation: OperationRecord,
        status: OperationStatus,
        detail: String,
        stack: ObservedStack?
    ) async throws {
        let at = now()
        var record =
            try await journal.vm(operation.vmID)
            ?? VMRecord(
                vmID: operation.vmID,
                project: operation.project,
                name: operation.vmName ?? operation.stackName,
                cloud: operation.cloud,
                updatedAt: at
            )
        record.updatedAt = at
        switch (status, stack) {
        case (.succeeded, nil):
            record.recordDeleted(at: at)
        case (.succeeded, let stack?):
            let claimed = operation.action == .adopt ? nil : operation.specHash
            record.recordSettled(stack, claimedSpec: claimed, vm: nil, at: at)
        case (.failed, _):
            record.recordFailure(detail, stack: stack, at: at)
        default:
            record.stackID = stack?.id ?? record.stackID
            record.stackStatus = stack?.status ?? record.stackStatus
        }
        try await journal.complete(
            operation.id,
            status: status,
            error: status == .failed ? detail : nil,
            vm: record,
            audit: AuditEntry(
                at: at,
                actor: options.actor,
                action: operation.action.rawValue,
                project: operation.project,
                vmID: operation.vmID,
                operationID: operation.id,
                stackID: stack?.id ?? operation.stackID,
                result: status.rawValue,
                detail: "resumed: " + detail
            )
        )
        report(.recovered(operation, status, detail: detail))
    }
}
