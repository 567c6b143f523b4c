import Foundation

/// Injected faults: latency, error rates, drops, token skew, and stack faults Heat consumes.
struct FaultState: Sendable {
    var random: SeededRandom
    /// Faults the next stack creates will suffer, first in first out.
    var pendingStackFaults: [StackFault] = []

    init(seed: UInt64) { random = SeededRandom(seed: seed ^ 0xFA17) }

    /// What to do with a request before its service sees it.
    mutating func intercept(service: String, request: SimRequest) -> (response: SimResponse?, delay: Duration) {
        (nil, .zero)
    }

    /// The lifetime a newly issued token gets, in seconds (clock skew shortens it).
    func tokenLifetime(_ configured: Duration) -> TimeInterval {
        Double(configured.components.seconds) + Double(configured.components.attoseconds) / 1e18
    }

    /// Called by Heat for every stack create: the fault it must simulate, if any.
    mutating func consumeStackFault() -> StackFault? {
        pendingStackFaults.isEmpty ? nil : pendingStackFaults.removeFirst()
    }
}

/// What can go wrong with a stack operation.
enum StackFault: Sendable, Hashable {
    /// The operation ends `*_FAILED` with this reason.
    case fail(reason: String)
    /// The operation never leaves `*_IN_PROGRESS`.
    case stuck
}
