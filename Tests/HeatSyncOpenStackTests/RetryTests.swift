import Foundation
import OpenStackSimulator
import Testing

@testable import HeatSyncOpenStack

/// Backoff, Retry-After and the retry budget.
@Suite struct RetryTests {
    @Test("backoff grows exponentially, is jittered within the upper half of each step, and is capped")
    func backoff() {
        let policy = RetryPolicy(attempts: 8, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        for attempt in 1...3 {
            let step = 100.0 * Double(1 << (attempt - 1))
            let delays = (0..<50).map { _ in RetryPolicy.seconds(policy.delay(afterAttempt: attempt, retryAfter: nil)) }
            #expect(delays.allSatisfy { $0 * 1000 >= step / 2 - 1 && $0 * 1000 <= step + 1 })
            #expect(Set(delays).count > 1, "jittered")
        }
        #expect(RetryPolicy.seconds(policy.delay(afterAttempt: 12, retryAfter: nil)) <= 1.0)
    }

    @Test("Retry-After in seconds or as an HTTP date is honoured, capped at maxDelay")
    func retryAfter() {
        let policy = RetryPolicy(attempts: 3, baseDelay: .milliseconds(10), maxDelay: .seconds(30))
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "2", now: now) == .seconds(2))
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let date = formatter.string(from: now.addingTimeInterval(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: date, now: now) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3600", now: now) == .seconds(30))
    }

    @Test("the budget allows a share of requests as retries over its window, then recovers")
    func budget() {
        var budget = RetryBudget(ratio: 0.2, minimumRetries: 1, window: .seconds(10))
        for second in 0..<10 { budget.recordRequest(at: Double(second)) }
        let granted = (0..<3).map { _ in budget.withdrawRetry(at: 9.5) }
        #expect(granted == [true, true, false], "two retries for ten requests")
        // Twenty seconds later the window has forgotten them: only the minimum is left.
        let later = (0..<2).map { _ in budget.withdrawRetry(at: 30) }
        #expect(later == [true, false])
    }

    @Test("Retry-After on a 429 or 503 is waited out before the one retry", arguments: [429, 503])
    func honoured(status: Int) async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let heat = HeatErrorTests.client(cloud, retry: RetryPolicy(attempts: 3, baseDelay: .milliseconds(1)))
        _ = try await heat.session.projectID()
        await cloud.inject(SimulatorFault.errors(status: status, service: "orchestration").times(1).retryAfter(1))
        let started = ContinuousClock.now
        #expect(try await heat.listStacks(tags: []).isEmpty)
        #expect(started.duration(to: .now) >= .milliseconds(950))
        #expect(await SimulatorSeed.stackLists(cloud).map(\.status) == [status, 200])
    }

    @Test("a sick cloud is not hammered: with every call failing, retries stop at the budget")
    func sickCloud() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let heat = HeatErrorTests.client(
            cloud,
            retry: RetryPolicy(attempts: 4, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2)),
            budget: RetryBudget(ratio: 0.1, minimumRetries: 2, window: .seconds(60))
        )
        _ = try await heat.session.projectID()
        await cloud.inject(SimulatorFault.errors(status: 503, service: "orchestration"))
        for _ in 0..<20 {
            await #expect(throws: OpenStackError.self) { _ = try await heat.listStacks(tags: []) }
        }
        let sent = await SimulatorSeed.stackLists(cloud).count
        // Without a budget: 20 calls × 4 attempts = 80 requests.
        #expect(sent >= 22 && sent <= 25, "sent \(sent)")
    }
}
