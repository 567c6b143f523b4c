import Foundation

/// Caps retries at a share of requests over a sliding window, so that a sick cloud is not
/// hammered: when most calls fail, retries stop once they reach `ratio` of the calls made in
/// the last `window` (plus a small allowance so a quiet client can still retry at all).
/// Pure arithmetic over the times it is given, so it is tested without sleeping.
public struct RetryBudget: Sendable {
    /// Retries allowed per request made in the window (0.2 = one retry per five requests).
    public var ratio: Double
    /// Retries always allowed in a window, however few requests were made.
    public var minimumRetries: Int
    /// How far back requests and retries count.
    public var window: Duration
    private var requests: [Double] = []
    private var retries: [Double] = []

    public init(ratio: Double = 0.2, minimumRetries: Int = 3, window: Duration = .seconds(10)) {
        self.ratio = ratio
        self.minimumRetries = minimumRetries
        self.window = window
    }

    /// Counts one request (first attempts and retries alike) at `now` (seconds).
    mutating func recordRequest(at now: Double) {
        expire(before: now)
        requests.append(now)
    }

    /// Takes one retry from the budget at `now`, or returns false when the budget is spent.
    mutating func withdrawRetry(at now: Double) -> Bool {
        expire(before: now)
        let allowed = max(Double(minimumRetries), ratio * Double(requests.count))
        guard Double(retries.count) < allowed else { return false }
        retries.append(now)
        return true
    }

    private mutating func expire(before now: Double) {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        let oldest = now - seconds
        if let first = requests.firstIndex(where: { $0 >= oldest }) {
            requests.removeFirst(first)
        } else {
            requests.removeAll()
        }
        if let first = retries.firstIndex(where: { $0 >= oldest }) {
            retries.removeFirst(first)
        } else {
            retries.removeAll()
        }
    }
}
