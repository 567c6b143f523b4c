import Foundation

/// Nova (compute API v2.1): flavors, key pairs, servers and their power actions, limits and
/// quotas, with Nova's error envelopes.
extension SimulatorState {
    func compute(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        compute.settle(now: now)
        let version = Self.microversion(request)
        var response = novaRoute(request, token: token, version: version)
        let text = "\(version.0).\(version.1)"
        response.headers += [
            ("OpenStack-API-Version", "compute \(text)"), ("X-OpenStack-Nova-API-Version", text),
            ("Vary", "OpenStack-API-Version, X-OpenStack-Nova-API-Version"),
        ]
        return response
    }

    private func novaRoute(_ request: SimRequest, token: KeystoneState.Token, version: (Int, Int)) -> SimResponse {
        var segments = request.segments
        guard segments.first == "v2.1" || segments.first == "v2" else {
            if segments.isEmpty { return .json(200, ["versions": [novaVersion()]]) }
            return .novaError(404, "The resource could not be found.")
        }
        segments.removeFirst()
        if segments.first == token.projectID { segments.removeFirst() }
        let route = RouteShape(segments, collections: ["flavors", "os-keypairs", "servers", "os-quota-sets"])
        let id = route.id
        switch (request.method, route.shape) {
        case ("GET", []):
            return .json(200, ["version": novaVersion()])
        case ("GET", ["flavors"]), ("GET", ["flavors", "detail"]):
            let detail = segments.count == 2
            let flavors = SimFlavor.catalog.map { flavorBody($0, detail: detail, version: version) }
            return .json(200, ["flavors": flavors])
        case ("GET", ["flavors", "*"]):
            guard let flavor = SimFlavor.catalog.first(where: { $0.id == id }) else {
                return .novaError(404, "Flavor \(id) could not be found.")
            }
            return .json(200, ["flavor": flavorBody(flavor, detail: true, version: version)])
        case ("GET", ["flavors", "*", "os-extra_specs"]):
            guard let flavor = SimFlavor.catalog.first(where: { $0.id == id }) else {
                return .novaError(404, "Flavor \(id) could not be found.")
            }
            return .json(200, ["extra_specs": flavor.extraSpecs])
        case ("GET", ["os-keypairs"]):
            let keypairs = keypairs(of: token.projectID).map { keypair -> [String: Any] in
                ["keypair": keypairBody(keypair, userID: token.userID, full: false)]
            }
            return .json(200, ["keypairs": keypairs])
        case ("GET", ["os-keypairs", "*"]):
            let name = id
            guard let keypair = keypairs(of: token.projectID).first(where: { $0.name == name }) else {
                return .novaError(404, "Keypair \(name) not found for user \(token.userID)")
            }
            return .json(200, ["keypair": keypairBody(keypair, userID: token.userID, full: true)])
        case ("POST", ["os-keypairs"]):
            return createKeypair(request, token: token, version: version)
        case ("GET", ["servers"]), ("GET", ["servers", "detail"]):
            return listServers(request, token: token, detail: segments.count == 2, version: version)
        case ("GET", ["servers", "*"]):
            guard let server = server(id, token: token) else { return .novaServerNotFound(id) }
            return .json(200, ["server": serverBody(server, version: version)])
        case ("POST", ["servers", "*", "action"]):
            return serverAction(id, request: request, token: token)
        case ("GET", ["limits"]):
            return limits(token: token)
        case ("GET", ["os-quota-sets", "*"]):
            return quotaSet(project: id, detail: false)
        case ("GET", ["os-quota-sets", "*", "detail"]):
            return quotaSet(project: id, detail: true)
        default:
            return .novaError(404, "The resource could not be found.")
        }
    }

    private func novaVersion() -> [String: Any] {
        [
            "id": "v2.1", "status": "CURRENT", "version": "2.96", "min_version": "2.1",
            "updated": "2013-07-23T11:33:21Z", "links": [["rel": "self", "href": "\(baseURL)/compute/v2.1/"]],
        ]
    }

    /// A server of the caller's project (other projects' servers are "not found", as in Nova).
    func server(_ id: String, token: KeystoneState.Token) -> SimServer? {
        guard let server = compute.servers[id], server.projectID == token.projectID else { return nil }
        return server
    }

    func keypairs(of projectID: String) -> [SimKeypair] {
        var all = compute.keypairs[projectID] ?? [:]
        if all["ops"] == nil { all["ops"] = .ops(projectID: projectID) }
        return all.values.sorted { $0.name < $1.name }
    }

    private func createKeypair(_ request: SimRequest, token: KeystoneState.Token, version: (Int, Int)) -> SimResponse {
        guard let keypair = request.jsonObject?["keypair"] as? [String: Any], let name = keypair["name"] as? String,
            !name.isEmpty, name.count <= 255
        else {
            return .novaError(
                400,
                "Invalid input for field/attribute keypair. Value: None. 'name' is a required property"
            )
        }
        if keypairs(of: token.projectID).contains(where: { $0.name == name }) {
            return .novaError(409, "Key pair '\(name)' already exists.")
        }
        let given = keypair["public_key"] as? String
        let publicKey = given ?? "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\(hexID()) Generated-by-Nova"
        let created = SimKeypair(
            name: name,
            publicKey: publicKey,
            fingerprint: SimKeypair.fingerprint(of: publicKey),
            createdAt: now
        )
        compute.keypairs[token.projectID, default: [:]][name] = created
        var body = keypairBody(created, userID: token.userID, full: false)
        body["user_id"] = token.userID
        if given == nil {
            body["private_key"] =
                "-----BEGIN OPENSSH PRIVATE KEY-----\n\(hexID())\n-----END OPENSSH PRIVATE KEY-----\n"
        }
        return .json(Self.atLeast(version, 2) ? 201 : 200, ["keypair": body])
    }

    private func listServers(
        _ request: SimRequest,
        token: KeystoneState.Token,
        detail: Bool,
        version: (Int, Int)
    ) -> SimResponse {
        var servers = compute.servers(of: token.projectID)
        if let pattern = request.query["name"] {
            // Nova matches `name` as a regular expression, not exactly: `name=vm` finds `vm-a1`.
            let regex = try? NSRegularExpression(pattern: pattern)
            servers = servers.filter { server in
                let range = NSRange(server.name.startIndex..., in: server.name)
                guard let regex else { return server.name.contains(pattern) }
                return regex.firstMatch(in: server.name, range: range) != nil
            }
        }
        if let status = request.query["status"] { servers = servers.filter { $0.status == status.uppercased() } }
        let bodies = servers.map { server -> [String: Any] in
            detail
                ? serverBody(server, version: version)
                : ["id": server.id, "name": server.name, "links": novaLink("servers/\(server.id)")]
        }
        return .json(200, ["servers": bodies])
    }

    /// Adds a server to the caller's project (tests, and the demo's seed data).
    @discardableResult
    func addServer(
        name: String,
        projectID: String,
        status: String = "ACTIVE",
        flavor: String = "m1.small",
        image: String = "ubuntu-22.04",
        keyName: String? = "ops",
        publicIP: Bool = false
    ) -> SimServer {
        let server = SimServer(
            id: uuid(),
            name: name,
            projectID: projectID,
            status: status,
            flavor: flavor,
            image: image,
            keyName: keyName,
            privateIP: network.allocatePrivateIP(),
            publicIP: publicIP ? network.allocateFloatingIP() : nil,
            stackID: nil,
            createdAt: now
        )
        compute.servers[server.id] = server
        return server
    }
}
