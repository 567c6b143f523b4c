import Foundation

/// Injected faults: latency, error rates, drops, token skew, and stack faults Heat consumes.
struct FaultState: Sendable {
    var random: SeededRandom
    /// Faults the next stack creates will suffer, first in first out.
    var pendingStackFaults: [StackFault] = []
    /// Request faults in the order they were injected.
    var rules: [FaultRule] = []
    /// New tokens stop working this many seconds before their configured lifetime ends.
    var tokenSkewSeconds: Double = 0
    var nextRuleNumber = 1

    init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0xFA17) }

    /// What to do with a request before its service sees it: every matching rule adds its
    /// latency and counts the request; the first one whose error fires answers it.
    mutating func intercept(service: String, request: SimRequest) -> (response: SimResponse?, delay: Duration) {
        var delay = Duration.zero
        var response: SimResponse?
        var kept: [FaultRule] = []
        for var rule in rules {
            guard rule.matches(service: service, request: request) else {
                kept.append(rule)
                continue
            }
            if let latency = rule.latencyMS { delay += .milliseconds(latency) }
            if rule.failsRequests {
                let rate = rule.errorRate ?? 1
                let fires = rate >= 1 || (rate > 0 && random.unit() < rate)
                if fires, response == nil {
                    response = rule.drop ? .dropped : .injectedFailure(rule, service: service, request: request)
                }
            }
            if let remaining = rule.remaining {
                rule.remaining = remaining - 1
                if remaining <= 1 { continue }
            }
            kept.append(rule)
        }
        rules = kept
        return (response, delay)
    }

    /// The lifetime a newly issued token gets, in seconds (clock skew shortens it).
    func tokenLifetime(_ configured: Duration) -> TimeInterval {
        let seconds = Double(configured.components.seconds) + Double(configured.components.attoseconds) / 1e18
        return max(0, seconds - tokenSkewSeconds)
    }

    /// The lifetime a new token's `expires_at` claims: the configured one, skew or not.
    func claimedTokenLifetime(_ configured: Duration) -> TimeInterval {
        Double(configured.components.seconds) + Double(configured.components.attoseconds) / 1e18
    }

    /// Called by Heat for every stack create: the fault it must simulate, if any.
    mutating func consumeStackFault() -> StackFault? {
        pendingStackFaults.isEmpty ? nil : pendingStackFaults.removeFirst()
    }

    /// Forgets every fault (request rules, token skew, pending stack faults).
    mutating func clear() {
        rules.removeAll()
        pendingStackFaults.removeAll()
        tokenSkewSeconds = 0
    }
}

/// What can go wrong with a stack operation.
enum StackFault: Sendable, Hashable {
    /// The operation ends `*_FAILED` with this reason.
    case fail(reason: String)
    /// The operation never leaves `*_IN_PROGRESS`.
    case stuck
}

/// One injected request fault: which requests it matches and what it does to them.
struct FaultRule: Sendable, Hashable {
    var id: String
    var service: String?
    var method: String?
    var pathPrefix: String?
    var latencyMS: Int?
    var errorRate: Double?
    var errorStatus: Int?
    var retryAfter: Int?
    var drop = false
    /// How many more matching requests it applies to; nil = until cleared.
    var remaining: Int?

    /// Whether it answers (some) requests instead of the service.
    var failsRequests: Bool { drop || errorStatus != nil || errorRate != nil }

    func matches(service requestService: String, request: SimRequest) -> Bool {
        if let service {
            let prefix = request.path.split(separator: "/").first.map(String.init) ?? ""
            guard service == requestService || service == prefix else { return false }
        }
        if let method, method.uppercased() != request.method.uppercased() { return false }
        if let pathPrefix, !request.path.hasPrefix(pathPrefix) { return false }
        return true
    }
}
