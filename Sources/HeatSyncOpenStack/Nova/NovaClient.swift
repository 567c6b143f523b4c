import Foundation

/// Nova (compute): flavors, key pairs, servers and their power actions.
public struct NovaClient: Sendable {
    public let session: KeystoneSession
    public var readRetry: RetryPolicy

    public init(session: KeystoneSession, readRetry: RetryPolicy = RetryPolicy()) {
        self.session = session
        self.readRetry = readRetry
    }

    public struct Flavor: Sendable, Hashable {
        public var id: String
        public var name: String
        public var vcpus: Int
        public var ramMB: Int
        public var diskGB: Int
        public var extraSpecs: [String: String]
    }

    public struct Server: Sendable, Hashable {
        public var id: String
        public var name: String
        /// Nova's status: ACTIVE, SHUTOFF, REBOOT, BUILD, ERROR, …
        public var status: String
        public var isRunning: Bool { status == "ACTIVE" || status == "REBOOT" || status == "HARD_REBOOT" }
    }

    /// Flavors with their extra specs (in the flavor body from compute microversion 2.61 on).
    public func flavors() async throws -> [Flavor] {
        let body = try await get("/flavors/detail", headers: [("OpenStack-API-Version", "compute 2.61")])
        return (body["flavors"] as? [[String: Any]] ?? []).compactMap { flavor in
            guard let id = flavor["id"] as? String, let name = flavor["name"] as? String else { return nil }
            return Flavor(
                id: id,
                name: name,
                vcpus: flavor["vcpus"] as? Int ?? 0,
                ramMB: flavor["ram"] as? Int ?? 0,
                diskGB: flavor["disk"] as? Int ?? 0,
                extraSpecs: (flavor["extra_specs"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
            )
        }
    }

    public func keyPairs() async throws -> [String] {
        let body = try await get("/os-keypairs")
        return (body["keypairs"] as? [[String: Any]] ?? []).compactMap {
            ($0["keypair"] as? [String: Any])?["name"] as? String
        }
    }

    /// The server, or nil when Nova does not know it.
    public func server(id: String) async throws -> Server? {
        let path = "/servers/\(id)"
        let response = try await session.send(service: "compute", method: "GET", path: path, retry: readRetry)
        if response.status == 404 { return nil }
        guard response.status == 200 else {
            throw ServiceResponse.error(response, service: "Nova", method: "GET", path: path)
        }
        guard let server = try ServiceResponse.object(response, service: "Nova")["server"] as? [String: Any],
            let name = server["name"] as? String, let status = server["status"] as? String
        else { throw OpenStackError(.unexpectedResponse, "Nova's server body is unreadable") }
        return Server(id: id, name: name, status: status)
    }

    public enum PowerAction: Sendable {
        case start, stop, softReboot, hardReboot
    }

    /// Starts, stops or reboots a server. Nova answers 409 when the server's state does not
    /// allow the action; that error carries Nova's explanation.
    public func perform(_ action: PowerAction, server id: String) async throws {
        let body: [String: Any]
        switch action {
        case .start: body = ["os-start": NSNull()]
        case .stop: body = ["os-stop": NSNull()]
        case .softReboot: body = ["reboot": ["type": "SOFT"]]
        case .hardReboot: body = ["reboot": ["type": "HARD"]]
        }
        let path = "/servers/\(id)/action"
        let data = try JSONSerialization.data(withJSONObject: body)
        let response = try await session.send(service: "compute", method: "POST", path: path, body: Array(data))
        guard response.status == 202 || response.status == 200 else {
            throw ServiceResponse.error(response, service: "Nova", method: "POST", path: path)
        }
    }

    private func get(_ path: String, headers: [(String, String)] = []) async throws -> [String: Any] {
        let response = try await session.send(
            service: "compute",
            method: "GET",
            path: path,
            headers: headers,
            retry: readRetry
        )
        guard response.status == 200 else {
            throw ServiceResponse.error(response, service: "Nova", method: "GET", path: path)
        }
        return try ServiceResponse.object(response, service: "Nova")
    }
}
