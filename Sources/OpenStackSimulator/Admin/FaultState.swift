import Foundation

/// Injected faults (filled in by the faults slice): latency, error rates, drops, token skew.
struct FaultState: Sendable {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0xFA17) }

    /// What to do with a request before its service sees it.
    mutating func intercept(service: String, request: SimRequest) -> (response: SimResponse?, delay: Duration) {
        (nil, .zero)
    }

    /// The lifetime a newly issued token gets, in seconds (clock skew shortens it).
    func tokenLifetime(_ configured: Duration) -> TimeInterval {
        Double(configured.components.seconds) + Double(configured.components.attoseconds) / 1e18
    }
}
