import Foundation

/// Routes a request to its service after faults and authentication, and logs it.
extension SimulatorState {
    /// The response, and how long to wait before sending it (injected latency).
    func dispatch(_ request: SimRequest) -> (response: SimResponse, delay: Duration) {
        let requestID = "req-" + uuid()
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let prefix = parts.first ?? ""
        var routed = request
        routed.segments = Array(parts.dropFirst())
        let service: String
        var response: SimResponse
        var delay: Duration = .zero
        switch prefix {
        case "_sim":
            service = "admin"
            response = admin(routed)
        default:
            service = Self.serviceNames[prefix] ?? "unknown"
            let fault = faults.intercept(service: service, request: routed)
            delay = fault.delay
            if let injected = fault.response {
                response = injected
            } else {
                response = route(prefix: prefix, request: routed)
            }
        }
        if request.method != "GET", request.method != "HEAD", response.status < 400 { stateChanged() }
        response.headers = response.headers.map { name, value in
            (name, value.replacingOccurrences(of: "{keystone}", with: baseURL + "/identity/v3"))
        }
        response.headers.append(("X-Openstack-Request-Id", requestID))
        record(
            RequestRecord(
                method: request.method,
                path: request.path,
                query: request.query,
                status: response.status,
                service: service,
                requestID: requestID
            )
        )
        return (response, delay)
    }

    static let serviceNames = [
        "identity": "identity", "heat": "orchestration", "compute": "compute", "image": "image",
        "network": "network",
    ]

    private func route(prefix: String, request: SimRequest) -> SimResponse {
        if prefix == "identity" { return keystone(request) }
        if prefix == "" { return .text(200, "OpenStack simulator\n") }
        guard Self.serviceNames[prefix] != nil else { return .notFound() }
        if prefix == "heat", let open = heatUnauthenticated(request) { return open }
        guard let token = keystone.validToken(request.authToken, now: now) else { return .heatUnauthorized() }
        // Stack operations finish lazily; settle them first so Nova and Neutron see their servers.
        settleStacks()
        switch prefix {
        case "heat": return heat(request, token: token)
        case "compute": return compute(request, token: token)
        case "image": return image(request, token: token)
        default: return network(request, token: token)
        }
    }
}
