import Foundation

/// The simulator's own API under `/_sim/` (no authentication; loopback test use only).
///
/// * `GET|DELETE /_sim/requests`: the request log (a dropped request has status 0).
/// * `POST /_sim/faults` → 201 with the listing and the new rule's `id` (null when the body only
///   revokes tokens, sets the skew or queues a stack fault). Fields, all optional:
///   `latency_ms`, `service` (`orchestration`, `compute`, … or the URL prefix `heat`),
///   `path_prefix`, `method`, `error_rate` (0…1, drawn from the seed), `error_status` (503 when
///   only a rate is given), `count`, `retry_after`, `drop`, `revoke_tokens`,
///   `token_skew_seconds`, `stack_fault` (`fail` | `stuck`), `reason`. Unknown fields are a 400.
/// * `GET /_sim/faults`: `{"faults": […], "token_skew_seconds", "pending_stack_faults": […]}`.
/// * `DELETE /_sim/faults` clears everything; `DELETE /_sim/faults/{id}` removes one rule.
/// * `POST /_sim/seed` creates stacks in bulk (see `seed(_:)`).
extension SimulatorState {
    func admin(_ request: SimRequest) -> SimResponse {
        let route = RouteShape(request.segments, collections: ["faults"])
        switch (request.method, route.shape) {
        case ("POST", ["seed"]):
            return seed(request)
        case ("GET", ["requests"]):
            let records = requestLog.map { record -> [String: Any] in
                [
                    "method": record.method, "path": record.path, "query": record.query, "status": record.status,
                    "service": record.service, "request_id": record.requestID,
                ]
            }
            return .json(200, ["requests": records])
        case ("DELETE", ["requests"]):
            requestLog.removeAll()
            return SimResponse(status: 204)
        case ("GET", ["health"]):
            return .json(200, ["status": "ok"])
        case ("GET", ["faults"]):
            return .json(200, faultListing())
        case ("POST", ["faults"]):
            guard let body = request.jsonObject else { return .json(400, ["error": "the body must be a JSON object"]) }
            switch SimulatorFault.parse(body) {
            case .failure(let error):
                return .json(400, ["error": error.message])
            case .success(let fault):
                let id = applyFault(fault)
                var listing = faultListing()
                listing["id"] = id as Any? ?? NSNull()
                return .json(201, listing)
            }
        case ("DELETE", ["faults"]):
            clearFaults()
            return SimResponse(status: 204)
        case ("DELETE", ["faults", "*"]):
            let id = route.id
            guard faults.rules.contains(where: { $0.id == id }) else {
                return .notFound("no fault \(id)")
            }
            faults.rules.removeAll { $0.id == id }
            return SimResponse(status: 204)
        default:
            return .notFound("no simulator route \(request.method) /_sim/\(request.segments.joined(separator: "/"))")
        }
    }

    /// Applies a fault; returns the id of the request rule it installed, if any.
    @discardableResult
    func applyFault(_ fault: SimulatorFault) -> String? {
        if fault.revokeTokens { revokeAllTokens() }
        if let skew = fault.tokenSkewSeconds { faults.tokenSkewSeconds = max(0, skew) }
        switch fault.stackFault {
        case .fail:
            faults.pendingStackFaults.append(.fail(reason: fault.reason ?? Self.defaultStackFailure))
        case .stuck:
            faults.pendingStackFaults.append(.stuck)
        case nil:
            break
        }
        guard let rule = fault.rule(id: "fault-\(faults.nextRuleNumber)") else { return nil }
        faults.nextRuleNumber += 1
        faults.rules.append(rule)
        return rule.id
    }

    func clearFaults() { faults.clear() }

    /// Revokes every token issued so far (new ones keep working).
    func revokeAllTokens() {
        for value in keystone.tokens.keys { keystone.tokens[value]?.revoked = true }
    }

    /// What a real cloud says when Nova cannot place a server.
    static let defaultStackFailure =
        "Resource CREATE failed: ResourceInError: resources.server: Went to status ERROR due to "
        + "\"Message: No valid host was found. There are not enough hosts available., Code: 500\""

    private func faultListing() -> [String: Any] {
        [
            "faults": faults.rules.map(\.json), "token_skew_seconds": faults.tokenSkewSeconds,
            "pending_stack_faults": pendingStackFaultsJSON(),
        ]
    }

    private func pendingStackFaultsJSON() -> [[String: Any]] {
        faults.pendingStackFaults.map { fault -> [String: Any] in
            switch fault {
            case .fail(let reason): ["stack_fault": "fail", "reason": reason]
            case .stuck: ["stack_fault": "stuck"]
            }
        }
    }
}
