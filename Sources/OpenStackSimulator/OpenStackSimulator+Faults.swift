import Foundation

/// A fault to inject into a running simulator: the Swift form of `POST /_sim/faults`.
///
/// ```swift
/// await cloud.inject(.errors(status: 503, rate: 0.3, service: "orchestration"))
/// await cloud.inject(.latency(.milliseconds(200)).times(5))
/// await cloud.inject(.nextStackCreateFails(reason: "No valid host was found."))
/// ```
public struct SimulatorFault: Sendable, Hashable {
    /// What the next stack create does (consumed by Heat, first in first out).
    public enum StackOutcome: String, Sendable, Hashable {
        /// Ends `CREATE_FAILED` with `reason`.
        case fail
        /// Stays `CREATE_IN_PROGRESS`.
        case stuck
    }

    /// Added before the response of every matching request.
    public var latency: Duration?
    /// `orchestration`, `compute`, `image`, `network`, `identity` (or the URL prefix: `heat`); nil = all.
    public var service: String?
    /// Matches requests whose path starts with this (`/heat/v1`); nil = all.
    public var pathPrefix: String?
    /// Matches this HTTP method only; nil = all.
    public var method: String?
    /// Share of matching requests that fail (0...1), drawn from the seed; nil = all when a status is set.
    public var errorRate: Double?
    /// The status failing requests get (503 when only a rate is given).
    public var errorStatus: Int?
    /// Applies to the next `count` matching requests, then expires; nil = until cleared.
    public var count: Int?
    /// Seconds sent in `Retry-After` with a 409, 429 or 503.
    public var retryAfter: Int?
    /// Close the connection without any response (at `errorRate`, or always).
    public var drop: Bool
    /// Revoke every token issued so far, now.
    public var revokeTokens: Bool
    /// Tokens issued from now on stop working this many seconds before their lifetime ends.
    public var tokenSkewSeconds: Double?
    public var stackFault: StackOutcome?
    /// The `stack_status_reason` of a failed stack.
    public var reason: String?

    public init(
        latency: Duration? = nil,
        service: String? = nil,
        pathPrefix: String? = nil,
        method: String? = nil,
        errorRate: Double? = nil,
        errorStatus: Int? = nil,
        count: Int? = nil,
        retryAfter: Int? = nil,
        drop: Bool = false,
        revokeTokens: Bool = false,
        tokenSkewSeconds: Double? = nil,
        stackFault: StackOutcome? = nil,
        reason: String? = nil
    ) {
        self.latency = latency
        self.service = service
        self.pathPrefix = pathPrefix
        self.method = method
        self.errorRate = errorRate
        self.errorStatus = errorStatus
        self.count = count
        self.retryAfter = retryAfter
        self.drop = drop
        self.revokeTokens = revokeTokens
        self.tokenSkewSeconds = tokenSkewSeconds
        self.stackFault = stackFault
        self.reason = reason
    }

    public static func latency(_ latency: Duration, service: String? = nil) -> SimulatorFault {
        SimulatorFault(latency: latency, service: service)
    }

    public static func errors(status: Int, rate: Double = 1, service: String? = nil) -> SimulatorFault {
        SimulatorFault(service: service, errorRate: rate, errorStatus: status)
    }

    public static func drop(service: String? = nil, rate: Double = 1) -> SimulatorFault {
        SimulatorFault(service: service, errorRate: rate, drop: true)
    }

    public static func nextStackCreateFails(reason: String? = nil) -> SimulatorFault {
        SimulatorFault(stackFault: .fail, reason: reason)
    }

    public static var nextStackCreateStuck: SimulatorFault { SimulatorFault(stackFault: .stuck) }

    public static var revokeAllTokens: SimulatorFault { SimulatorFault(revokeTokens: true) }

    public static func tokenSkew(seconds: Double) -> SimulatorFault { SimulatorFault(tokenSkewSeconds: seconds) }

    /// The same fault, for the next `count` matching requests only.
    public func times(_ count: Int) -> SimulatorFault {
        var copy = self
        copy.count = count
        return copy
    }

    /// The same fault, with `Retry-After: seconds` on its 409/429/503 answers.
    public func retryAfter(_ seconds: Int) -> SimulatorFault {
        var copy = self
        copy.retryAfter = seconds
        return copy
    }

    /// The same fault, restricted to one method and/or path prefix.
    public func matching(method: String? = nil, pathPrefix: String? = nil) -> SimulatorFault {
        var copy = self
        copy.method = method ?? copy.method
        copy.pathPrefix = pathPrefix ?? copy.pathPrefix
        return copy
    }
}

extension OpenStackSimulator {
    /// Applies a fault: request faults stay until `count` runs out or `clearFaults()`;
    /// token revocation, skew and stack faults take effect at once.
    public func inject(_ fault: SimulatorFault) async {
        await state.applyFault(fault)
    }

    /// Removes every request fault, the token skew and the pending stack faults.
    public func clearFaults() async {
        await state.clearFaults()
    }

    /// The request faults still active, oldest first.
    public func activeFaults() async -> [SimulatorFault] {
        await state.faults.rules.map(\.publicFault)
    }
}
