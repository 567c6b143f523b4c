import Foundation

/// Jittered exponential backoff for safe (read) calls only: creates and deletes are never
/// retried blindly — the engine checks existence first. Every retry also needs the session's
/// ``RetryBudget``, so retries stay a bounded share of traffic when a cloud is failing.
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

    /// The wait before attempt `attempt + 1`, honouring `Retry-After` (seconds or an HTTP date,
    /// as 429 and 503 answers carry it) when the server sent one, capped at `maxDelay`;
    /// otherwise exponential from `baseDelay` with jitter: a random point in the upper half of
    /// the step, so clients that failed together do not retry together.
    func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Duration {
        if let retryAfter, let seconds = Self.seconds(retryAfter: retryAfter, now: now) {
            return min(.milliseconds(Int(seconds * 1000)), maxDelay)
        }
        let exponential = baseDelay * (1 << min(attempt - 1, 16))
        let capped = Self.seconds(min(exponential, maxDelay))
        let fraction = Double.random(in: 0.5...1.0)
        return .milliseconds(Int(capped * 1000 * fraction))
    }

    /// `Retry-After` as seconds from `now`: delta-seconds, or an IMF-fixdate (RFC 9110 §10.2.3).
    static func seconds(retryAfter: String, now: Date) -> Double? {
        let text = retryAfter.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text) { return seconds >= 0 ? seconds : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
