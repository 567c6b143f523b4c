import Foundation

/// `POST /_sim/faults` bodies to `SimulatorFault`, and rules back to JSON.
extension SimulatorFault {
    private static let keys: Set = [
        "latency_ms", "service", "path_prefix", "method", "error_rate", "error_status", "count", "retry_after",
        "drop", "revoke_tokens", "token_skew_seconds", "stack_fault", "reason",
    ]

    /// Parses and validates a fault body; the error is the message for a 400.
    static func parse(_ body: [String: Any]) -> Result<SimulatorFault, FaultParseError> {
        if let unknown = body.keys.sorted().first(where: { !keys.contains($0) }) {
            return .failure(FaultParseError(message: "unknown fault field '\(unknown)'"))
        }
        func number(_ key: String) -> Double? { (body[key] as? NSNumber)?.doubleValue }
        func string(_ key: String) -> String? { body[key] as? String }
        var fault = SimulatorFault()
        if let latency = number("latency_ms") {
            guard latency >= 0 else { return .failure(FaultParseError(message: "latency_ms must be >= 0")) }
            fault.latency = .milliseconds(latency)
        }
        fault.service = string("service")
        fault.pathPrefix = string("path_prefix")
        fault.method = string("method")
        if let rate = number("error_rate") {
            guard (0...1).contains(rate) else {
                return .failure(FaultParseError(message: "error_rate must be in 0...1"))
            }
            fault.errorRate = rate
        }
        if let status = number("error_status") {
            guard (100...599).contains(Int(status)) else {
                return .failure(FaultParseError(message: "error_status must be an HTTP status"))
            }
            fault.errorStatus = Int(status)
        }
        if let count = number("count") {
            guard count >= 1 else { return .failure(FaultParseError(message: "count must be >= 1")) }
            fault.count = Int(count)
        }
        fault.retryAfter = number("retry_after").map { Int($0) }
        fault.drop = body["drop"] as? Bool ?? false
        fault.revokeTokens = body["revoke_tokens"] as? Bool ?? false
        fault.tokenSkewSeconds = number("token_skew_seconds")
        if let outcome = string("stack_fault") {
            guard let parsed = StackOutcome(rawValue: outcome) else {
                return .failure(FaultParseError(message: "stack_fault must be 'fail' or 'stuck'"))
            }
            fault.stackFault = parsed
        }
        fault.reason = string("reason")
        return .success(fault)
    }

    /// The request rule this fault installs, if it acts on requests at all.
    func rule(id: String) -> FaultRule? {
        let milliseconds = latency.map { latency in
            Int(latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000)
        }
        let rule = FaultRule(
            id: id,
            service: service,
            method: method,
            pathPrefix: pathPrefix,
            latencyMS: milliseconds,
            errorRate: errorRate.map { min(1, max(0, $0)) },
            errorStatus: errorStatus ?? (errorRate != nil && !drop ? 503 : nil),
            retryAfter: retryAfter,
            drop: drop,
            remaining: count
        )
        return milliseconds != nil || rule.failsRequests ? rule : nil
    }
}

struct FaultParseError: Error {
    var message: String
}

extension FaultRule {
    var publicFault: SimulatorFault {
        SimulatorFault(
            latency: latencyMS.map { .milliseconds($0) },
            service: service,
            pathPrefix: pathPrefix,
            method: method,
            errorRate: errorRate,
            errorStatus: errorStatus,
            count: remaining,
            retryAfter: retryAfter,
            drop: drop
        )
    }

    var json: [String: Any] {
        var body: [String: Any] = ["id": id, "drop": drop]
        let optional: [String: Any?] = [
            "service": service, "method": method, "path_prefix": pathPrefix, "latency_ms": latencyMS,
            "error_rate": errorRate, "error_status": errorStatus, "retry_after": retryAfter, "count": remaining,
        ]
        for (key, value) in optional { body[key] = value ?? NSNull() }
        return body
    }
}
