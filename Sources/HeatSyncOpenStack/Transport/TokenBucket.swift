/// A token bucket: `rate` requests per second on average, bursts of up to `burst`. Pure
/// arithmetic over the times it is given, so it is tested without sleeping.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var last: Double?

    init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(max(burst, 1))
        tokens = self.burst
    }

    /// Takes one token at time `now` (seconds) and returns how long the caller must wait
    /// before using it (zero when one was available).
    mutating func reserve(at now: Double) -> Double {
        if let last { tokens = min(burst, tokens + (now - last) * rate) }
        last = now
        tokens -= 1
        return tokens >= 0 ? 0 : -tokens / rate
    }
}

/// Limits requests per endpoint (scheme, host and port) with one token bucket each, so heatsync
/// never floods a cloud, whatever its parallelism.
public actor RateLimiter {
    private let rate: Double
    private let burst: Int
    private var buckets: [String: TokenBucket] = [:]
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant

    /// - Parameters:
    ///   - requestsPerSecond: the average rate per endpoint.
    ///   - burst: requests that may go at once after a quiet period.
    public init(requestsPerSecond: Double, burst: Int) {
        rate = requestsPerSecond
        self.burst = burst
        start = clock.now
    }

    /// Waits for this endpoint's turn.
    public func acquire(endpoint: String) async throws {
        let elapsed = start.duration(to: clock.now)
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var bucket = buckets[endpoint] ?? TokenBucket(rate: rate, burst: burst)
        let wait = bucket.reserve(at: now)
        buckets[endpoint] = bucket
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
    }
}

/// A transport that asks a ``RateLimiter`` before every request.
public struct RateLimitedTransport: HTTPTransport {
    let base: any HTTPTransport
    let limiter: RateLimiter

    public init(_ base: any HTTPTransport, limiter: RateLimiter) {
        self.base = base
        self.limiter = limiter
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await limiter.acquire(endpoint: Self.endpoint(of: request.url))
        return try await base.send(request)
    }

    /// `scheme://host:port` of a URL.
    static func endpoint(of url: String) -> String {
        let parts = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count >= 3 ? parts[0...2].joined(separator: "/") : url
    }
}
