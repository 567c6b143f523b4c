import Foundation

/// Keystone v3: version document, token issue (password, application credential),
/// validation and revocation, with real Keystone's bodies (shared/devcloud/NOTES.md §1).
extension SimulatorState {
    func keystone(_ request: SimRequest) -> SimResponse {
        let segments = request.segments
        if segments.isEmpty || segments == ["v3"] {
            return .json(
                200,
                [
                    "version": [
                        "id": "v3.14", "status": "stable", "updated": "2020-04-07T00:00:00Z",
                        "links": [["rel": "self", "href": "\(baseURL)/identity/v3/"]],
                        "media-types": [
                            ["base": "application/json", "type": "application/vnd.openstack.identity-v3+json"]
                        ],
                    ]
                ]
            )
        }
        guard segments.count == 3, segments[0] == "v3", segments[1] == "auth", segments[2] == "tokens" else {
            return .keystoneError(404, "Not Found", "The resource could not be found.")
        }
        switch request.method {
        case "POST": return issueToken(request)
        case "GET", "HEAD":
            guard request.authToken != nil, keystone.validToken(request.authToken, now: now) != nil else {
                return .keystoneError(401, "Unauthorized", "The request you have made requires authentication.")
            }
            guard let subject = request.headers["x-subject-token"], let token = keystone.tokens[subject] else {
                return .keystoneError(404, "Not Found", "Could not recognize Fernet token")
            }
            if token.revoked { return .keystoneError(404, "Not Found", "Failed to validate token") }
            if token.expiresAt <= now {
                return .keystoneError(401, "Unauthorized", "The request you have made requires authentication.")
            }
            return .json(200, tokenBody(token), headers: [("X-Subject-Token", subject)])
        case "DELETE":
            guard keystone.validToken(request.authToken, now: now) != nil else {
                return .keystoneError(401, "Unauthorized", "The request you have made requires authentication.")
            }
            guard let subject = request.headers["x-subject-token"], keystone.tokens[subject] != nil else {
                return .keystoneError(404, "Not Found", "Could not recognize Fernet token")
            }
            keystone.tokens[subject]?.revoked = true
            return SimResponse(status: 204)
        default:
            return .keystoneError(405, "Method Not Allowed", "The method is not allowed for the requested URL.")
        }
    }

    private func issueToken(_ request: SimRequest) -> SimResponse {
        let unauthorized = SimResponse.keystoneError(
            401,
            "Unauthorized",
            "The request you have made requires authentication."
        )
        guard let auth = request.jsonObject?["auth"] as? [String: Any],
            let identity = auth["identity"] as? [String: Any],
            let methods = identity["methods"] as? [String], let method = methods.first
        else {
            return .keystoneError(400, "Bad Request", "Expecting to find auth in request body.")
        }
        var user: KeystoneState.User?
        var credentialID: String?
        switch method {
        case "password":
            let password = identity["password"] as? [String: Any]
            let given = password?["user"] as? [String: Any]
            let id = given?["id"] as? String
            let name = given?["name"] as? String
            let secret = given?["password"] as? String
            let candidate = keystone.users.values.first { $0.id == id || $0.config.name == name }
            guard let candidate, candidate.config.password == secret else { return unauthorized }
            user = candidate
        case "application_credential":
            let credential = identity["application_credential"] as? [String: Any]
            let secret = credential?["secret"] as? String
            let id = credential?["id"] as? String
            let name = credential?["name"] as? String
            let owner = (credential?["user"] as? [String: Any])?["name"] as? String
            let candidate = keystone.users.values.first { user in
                if let id { return user.config.applicationCredentialID == id }
                return name != nil && user.config.applicationCredentialName == name
                    && (owner == nil || user.config.name == owner)
            }
            guard let candidate, secret != nil, candidate.config.applicationCredentialSecret == secret else {
                return unauthorized
            }
            user = candidate
            credentialID = candidate.config.applicationCredentialID
        default:
            return .keystoneError(401, "Unauthorized", "Attempted to authenticate with an unsupported method.")
        }
        guard let user, let project = keystone.project(named: user.config.project) else { return unauthorized }
        if let scope = (auth["scope"] as? [String: Any])?["project"] as? [String: Any] {
            let scopeName = scope["name"] as? String
            let wanted = (scope["id"] as? String) ?? scopeName.flatMap { keystone.project(named: $0)?.id }
            guard wanted == project.id else { return unauthorized }
        }
        let issued = now
        var token = KeystoneState.Token(
            value: "gAAAAA" + hexID() + hexID(),
            userID: user.id,
            projectID: project.id,
            methods: [method],
            issuedAt: issued,
            expiresAt: issued.addingTimeInterval(faults.tokenLifetime(configuration.tokenLifetime)),
            applicationCredentialID: credentialID
        )
        token.claimedExpiresAt = issued.addingTimeInterval(faults.claimedTokenLifetime(configuration.tokenLifetime))
        keystone.tokens[token.value] = token
        return .json(201, tokenBody(token), headers: [("X-Subject-Token", token.value)])
    }

    func tokenBody(_ token: KeystoneState.Token) -> [String: Any] {
        let user = keystone.users[token.userID]
        let project = keystone.projects[token.projectID]
        let domain: [String: Any] = ["id": "default", "name": "Default"]
        var body: [String: Any] = [
            "methods": token.methods,
            "user": [
                "domain": domain, "id": token.userID, "name": user?.config.name ?? "", "password_expires_at": NSNull(),
            ],
            "audit_ids": [String(token.value.suffix(22))],
            "expires_at": Timestamp.microseconds(token.claimedExpiresAt ?? token.expiresAt),
            "issued_at": Timestamp.microseconds(token.issuedAt),
            "project": ["domain": domain, "id": token.projectID, "name": project?.name ?? ""],
            "is_domain": false,
            "roles": (user?.config.roles ?? []).map { ["id": KeystoneState.stableID("role/\($0)"), "name": $0] },
            "catalog": catalog(projectID: token.projectID),
        ]
        if let credential = token.applicationCredentialID {
            body["application_credential"] = [
                "id": credential, "name": user?.config.applicationCredentialName ?? "", "restricted": true,
            ]
        }
        return ["token": body]
    }

    /// The service catalog: every service on this one port, under its own path prefix, with
    /// public and internal interfaces in the configured region.
    func catalog(projectID: String) -> [[String: Any]] {
        let services: [(type: String, name: String, path: String)] = [
            ("identity", "keystone", "/identity/v3"),
            ("orchestration", "heat", "/heat/v1/\(projectID)"),
            ("compute", "nova", "/compute/v2.1"),
            ("image", "glance", "/image"),
            ("network", "neutron", "/network"),
        ]
        return services.map { service in
            [
                "id": KeystoneState.stableID("service/\(service.type)"),
                "type": service.type,
                "name": service.name,
                "endpoints": ["public", "internal"].map { interface in
                    [
                        "id": KeystoneState.stableID("endpoint/\(service.type)/\(interface)"),
                        "interface": interface,
                        "region": configuration.region,
                        "region_id": configuration.region,
                        "url": baseURL + service.path,
                    ]
                },
            ]
        }
    }

}
