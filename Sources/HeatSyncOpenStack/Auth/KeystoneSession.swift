public import Foundation
public import Logging

/// Authenticated access to a cloud's services: one Keystone token, cached until shortly
/// before it expires, fetched once however many requests ask at the same time, and renewed
/// exactly once when a service answers 401.
///
/// ```swift
/// let session = KeystoneSession(cloud: try CloudConfigLoader.load(cloud: "prod", environment: env),
///                               transport: CurlTransport())
/// let reply = try await session.send(service: "orchestration", method: "GET", path: "/stacks?tags=heatsync")
/// ```
public actor KeystoneSession {
    public let cloud: CloudConfig
    private let transport: any HTTPTransport
    private let refreshAhead: TimeInterval
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var current: AuthToken?
    private var pending: Task<AuthToken, any Error>?
    private var retryBudget: RetryBudget

    /// - Parameters:
    ///   - refreshAhead: renew a token this long before it expires.
    ///   - now: the clock (tests inject one).
    ///   - retryBudget: the share of requests that may be retries, over all calls of this session.
    public init(
        cloud: CloudConfig,
        transport: any HTTPTransport,
        refreshAhead: Duration = .seconds(60),
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "heatsync.openstack"),
        retryBudget: RetryBudget = RetryBudget()
    ) {
        self.cloud = cloud
        self.transport = transport
        self.logger = logger
        self.retryBudget = retryBudget
        self.refreshAhead = Double(refreshAhead.components.seconds)
        self.now = now
    }

    /// Sends a request to a service found in the catalog (or its endpoint override). `path`
    /// is appended to the endpoint, or used as is when it is an absolute URL.
    /// `retry` applies to transport errors, 5xx and 429; pass it only for safe calls.
    public func send(
        service: String,
        method: String,
        path: String,
        body: [UInt8]? = nil,
        headers: [(String, String)] = [],
        retry: RetryPolicy = .none
    ) async throws -> HTTPResponse {
        var attempt = 1
        while true {
            retryBudget.recordRequest(at: now().timeIntervalSinceReferenceDate)
            do {
                let response = try await sendOnce(
                    service: service,
                    method: method,
                    path: path,
                    body: body,
                    headers: headers
                )
                guard attempt < retry.attempts, response.status >= 500 || response.status == 429,
                    withdrawRetry(service: service, method: method, status: "\(response.status)")
                else {
                    return response
                }
                try await Task.sleep(
                    for: retry.delay(afterAttempt: attempt, retryAfter: response.header("retry-after"))
                )
            } catch let error as OpenStackError where error.isRetryable && attempt < retry.attempts {
                guard withdrawRetry(service: service, method: method, status: error.shortDescription) else {
                    throw error
                }
                try await Task.sleep(for: retry.delay(afterAttempt: attempt, retryAfter: nil))
            }
            attempt += 1
        }
    }

    /// Takes a retry from the budget; says so in the log when it is spent.
    private func withdrawRetry(service: String, method: String, status: String) -> Bool {
        if retryBudget.withdrawRetry(at: now().timeIntervalSinceReferenceDate) { return true }
        logger.warning(
            "retry budget spent: not retrying",
            metadata: ["service": "\(service)", "method": "\(method)", "status": "\(status)"]
        )
        return false
    }

    private func sendOnce(
        service: String,
        method: String,
        path: String,
        body: [UInt8]?,
        headers: [(String, String)]
    ) async throws -> HTTPResponse {
        var token = try await validToken()
        for attempt in 0..<2 {
            let base = try endpoint(service: service, token: token)
            let url = path.hasPrefix("http://") || path.hasPrefix("https://") ? path : base + path
            let request = HTTPRequest(
                method: method,
                url: url,
                headers: headers + [("X-Auth-Token", token.value), ("Accept", "application/json")]
                    + [("X-Openstack-Request-Id", Self.correlationID())],
                body: body
            )
            let response = try await exchange(request, service: service)
            guard response.status == 401, attempt == 0 else { return response }
            // The token was revoked or expired early (clock skew): renew once and retry.
            if current?.value == token.value { current = nil }
            token = try await validToken()
        }
        throw OpenStackError(.authentication, "\(service) refused a fresh token for \(cloud.principal)")
    }

    /// The endpoint URL of a service type, without a trailing slash.
    public func endpoint(service: String) async throws -> String {
        try endpoint(service: service, token: try await validToken())
    }

    /// The project the token is scoped to.
    public func projectID() async throws -> String? { try await validToken().projectID }

    private func endpoint(service: String, token: AuthToken) throws -> String {
        if let override = cloud.endpointOverrides[service] { return trimmed(override) }
        let candidates = (token.catalog[service] ?? []).filter { $0.interface == cloud.interface }
        let inRegion = cloud.region.map { region in candidates.filter { $0.region == region } } ?? candidates
        guard let endpoint = inRegion.first else {
            let regions = Set(candidates.compactMap(\.region)).sorted().joined(separator: ", ")
            throw OpenStackError.configuration(
                "cloud '\(cloud.name)' has no \(cloud.interface) \(service) endpoint"
                    + (cloud.region.map { " in region \($0)" } ?? "")
                    + (regions.isEmpty ? "" : " (regions with one: \(regions))")
            )
        }
        return trimmed(endpoint.url)
    }

    private func trimmed(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    private func validToken() async throws -> AuthToken {
        if let current, current.expiresAt.timeIntervalSince(now()) > refreshAhead { return current }
        if let pending { return try await pending.value }
        let task = Task { try await self.authenticate() }
        pending = task
        defer { pending = nil }
        let token = try await task.value
        current = token
        return token
    }

    private func authenticate() async throws -> AuthToken {
        let url = trimmed(cloud.authURL) + "/auth/tokens"
        let body = try JSONSerialization.data(withJSONObject: authBody(), options: [.sortedKeys])
        let request = HTTPRequest(
            method: "POST",
            url: url,
            headers: [("X-Openstack-Request-Id", Self.correlationID())],
            body: Array(body)
        )
        let response = try await exchange(request, service: "identity")
        switch response.status {
        case 201, 200:
            let token = try AuthToken(response: response)
            logger.debug(
                "authenticated",
                metadata: [
                    "cloud": "\(cloud.name)", "principal": "\(cloud.principal)", "expires_at": "\(token.expiresAt)",
                ]
            )
            return token
        case 401:
            throw OpenStackError(
                .authentication,
                "Keystone refused the credentials of cloud '\(cloud.name)' (\(cloud.principal))",
                method: "POST",
                path: request.pathForLogs,
                requestID: response.requestID
            )
        default:
            throw OpenStackError(
                .http(status: response.status),
                "Keystone answered \(response.status) to authentication for cloud '\(cloud.name)'",
                method: "POST",
                path: request.pathForLogs,
                requestID: response.requestID
            )
        }
    }

    /// Sends one request and logs it: method, path (no query), status, ids and time at debug;
    /// headers at trace with every credential header redacted. Bodies are never logged.
    private func exchange(_ request: HTTPRequest, service: String) async throws -> HTTPResponse {
        let started = ContinuousClock.now
        let correlation = request.headers.first { $0.0 == "X-Openstack-Request-Id" }?.1 ?? ""
        logger.trace(
            "openstack request headers",
            metadata: [
                "headers": .string(
                    request.headers.map { "\($0.0): \(Self.redacted($0.0, $0.1))" }.joined(separator: "; ")
                )
            ]
        )
        do {
            let response = try await transport.send(request)
            let elapsed = started.duration(to: .now)
            logger.debug(
                "openstack request",
                metadata: [
                    "service": "\(service)", "method": "\(request.method)", "path": "\(request.pathForLogs)",
                    "status": "\(response.status)", "request_id": "\(response.requestID ?? "")",
                    "correlation_id": "\(correlation)", "elapsed": "\(elapsed)",
                ]
            )
            return response
        } catch {
            logger.warning(
                "openstack request failed",
                metadata: [
                    "service": "\(service)", "method": "\(request.method)", "path": "\(request.pathForLogs)",
                    "correlation_id": "\(correlation)", "error": "\(error)",
                ]
            )
            throw error
        }
    }

    static func redacted(_ name: String, _ value: String) -> String {
        ["x-auth-token", "x-subject-token", "authorization"].contains(name.lowercased()) ? "<redacted>" : value
    }

    /// `req-<uuid>`: Heat logs a client's `X-Openstack-Request-Id` as the global request id, so a
    /// call can be followed through the cloud's logs.
    static func correlationID() -> String { "req-" + UUID().uuidString.lowercased() }

    private func authBody() -> [String: Any] {
        switch cloud.credentials {
        case .password(let username, let userDomain, let password, let projectName, let projectID, let projectDomain):
            var auth: [String: Any] = [
                "identity": [
                    "methods": ["password"],
                    "password": ["user": ["name": username, "domain": ["name": userDomain], "password": password]],
                ]
            ]
            if let projectID {
                auth["scope"] = ["project": ["id": projectID]]
            } else if let projectName {
                auth["scope"] = ["project": ["name": projectName, "domain": ["name": projectDomain]]]
            }
            return ["auth": auth]
        case .applicationCredential(let id, let name, let username, let userDomain, let secret):
            var credential: [String: Any] = ["secret": secret]
            if let id {
                credential["id"] = id
            } else {
                credential["name"] = name
                if let username { credential["user"] = ["name": username, "domain": ["name": userDomain]] }
            }
            return [
                "auth": ["identity": ["methods": ["application_credential"], "application_credential": credential]]
            ]
        }
    }
}
