public import Foundation
public import HeatSyncCore
import HeatSyncOpenStack

/// Waits for stacks to settle by polling **one tag-filtered list per project per interval**,
/// never one GET per stack (DESIGN §4): every VM waiting in a project shares the poll.
///
/// A waiter resumes when its stack leaves `*_IN_PROGRESS` (``Goal/settled``) or disappears
/// from the list (``Goal/gone``; `DELETE_COMPLETE` stacks are not listed), or fails when its
/// deadline passes. A failing list is retried at the next interval; only a deadline ends a wait.
public actor StackWaiter {
    public enum Goal: Sendable {
        /// Not in progress any more (complete or failed), or gone.
        case settled
        /// Gone from the list (deleted).
        case gone
    }

    /// The stacks one poll covers: our stacks of one project in one cloud.
    struct Scope: Hashable {
        var cloud: String?
        var project: String
    }

    private struct Waiter {
        let id: UInt64
        let stackName: String
        let goal: Goal
        let deadline: ContinuousClock.Instant
        let continuation: CheckedContinuation<ObservedStack?, any Error>
    }

    private let connections: CloudConnections
    private let owner: String
    private let interval: Duration
    private var waiters: [Scope: [Waiter]] = [:]
    private var pollers: [Scope: Task<Void, Never>] = [:]
    private var nextID: UInt64 = 0

    public init(connections: CloudConnections, owner: String, interval: Duration) {
        self.connections = connections
        self.owner = owner
        self.interval = interval
    }

    /// Waits until `stackName` (a stack of `project` in `cloud`) reaches `goal`.
    /// - Returns: the stack as last listed, or nil when it is gone.
    /// - Throws: ``ApplyError`` `timedOut` when `timeout` passes first.
    public func wait(
        for stackName: String,
        project: String,
        cloud: String?,
        goal: Goal,
        timeout: Duration
    ) async throws -> ObservedStack? {
        let scope = Scope(cloud: cloud, project: project)
        nextID += 1
        let id = nextID
        let deadline = ContinuousClock.now + timeout
        return try await withCheckedThrowingContinuation { continuation in
            waiters[scope, default: []].append(
                Waiter(id: id, stackName: stackName, goal: goal, deadline: deadline, continuation: continuation)
            )
            if pollers[scope] == nil {
                pollers[scope] = Task { await self.poll(scope) }
            }
        }
    }

    private func poll(_ scope: Scope) async {
        while !(waiters[scope] ?? []).isEmpty {
            try? await Task.sleep(for: interval)
            let listed = await list(scope)
            resolve(scope, listed: listed)
        }
        pollers[scope] = nil
    }

    private func list(_ scope: Scope) async -> [String: ObservedStack]? {
        var tags = ["heatsync-owner=\(owner)"]
        if !scope.project.isEmpty { tags.append("heatsync-project=\(scope.project)") }
        do {
            let clients = try await connections.clients(cloud: scope.cloud)
            let stacks = try await clients.heat.listStacks(tags: tags)
            return Dictionary(stacks.map { ($0.name, CloudObserver.observed($0)) }) { first, _ in first }
        } catch {
            return nil
        }
    }

    private func resolve(_ scope: Scope, listed: [String: ObservedStack]?) {
        let now = ContinuousClock.now
        var remaining: [Waiter] = []
        for waiter in waiters[scope] ?? [] {
            if let listed {
                let stack = listed[waiter.stackName]
                switch waiter.goal {
                case .settled where stack == nil || stack?.isInProgress == false:
                    waiter.continuation.resume(returning: stack)
                    continue
                case .gone where stack == nil || stack?.status == "DELETE_FAILED":
                    waiter.continuation.resume(returning: stack)
                    continue
                default:
                    break
                }
            }
            if now >= waiter.deadline {
                waiter.continuation.resume(
                    throwing: ApplyError.timedOut(waiter.stackName, status: listed?[waiter.stackName]?.status)
                )
                continue
            }
            remaining.append(waiter)
        }
        waiters[scope] = remaining
    }
}
