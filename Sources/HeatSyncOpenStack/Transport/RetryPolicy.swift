import Foundation

/// Jittered exponential backoff for safe (read) calls only: creates and deletes are never
/// retried blindly — the engine checks existence first.
public struct RetryPolicy: Sendable {
    public var attempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration

    public init(attempts: Int = 4, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5)) {
        self.attempts = attempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// One attempt: nothing is retried.
    public static let none = RetryPolicy(attempts: 1)

    /// The wait before attempt `attempt` (1-based retry count), honouring `Retry-After` when the
    /// server sent one, with full jitter otherwise.
    func delay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        if let retryAfter, let seconds = Double(retryAfter), seconds >= 0 {
            return min(.milliseconds(Int(seconds * 1000)), maxDelay)
        }
        let exponential = baseDelay * (1 << min(attempt - 1, 16))
        let capped = min(exponential, maxDelay)
        let fraction = Double.random(in: 0.5...1.0)
        return .milliseconds(
            Int(
                Double(capped.components.seconds * 1000) * fraction
                    + Double(capped.components.attoseconds) / 1e15 * fraction
            )
        )
    }
}
