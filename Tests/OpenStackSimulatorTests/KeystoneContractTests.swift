import Foundation
import OpenStackSimulator
import Testing

/// Keystone behaviours heatsync relies on, as recorded against real Keystone
/// (shared/devcloud/NOTES.md §1).
@Suite struct KeystoneContractTests {
    static func password(_ user: String = "demo", _ password: String = "sim-demo") -> [String: Any] {
        [
            "auth": [
                "identity": [
                    "methods": ["password"],
                    "password": ["user": ["name": user, "domain": ["id": "default"], "password": password]],
                ]
            ]
        ]
    }

    @Test("password auth returns X-Subject-Token and a catalog with every service")
    func passwordAuth() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let client = SimClient()
        let reply = try await client.send("POST", cloud.authURL + "/auth/tokens", json: Self.password())
        #expect(reply.status == 201)
        #expect(reply.header("X-Subject-Token")?.isEmpty == false)
        #expect(reply.header("X-Openstack-Request-Id")?.hasPrefix("req-") == true)
        let token = try #require(reply.json["token"] as? [String: Any])
        #expect((token["project"] as? [String: Any])?["name"] as? String == "demo")
        let expires = try #require(token["expires_at"] as? String)
        #expect(expires.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"#, options: .regularExpression) != nil)
        let types = Set((token["catalog"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String })
        #expect(types == ["identity", "orchestration", "compute", "image", "network"])
    }

    @Test("application credentials authenticate by id or by name")
    func applicationCredential() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let client = SimClient()
        for credential: [String: Any] in [
            ["id": "5e1f0c7a2b9d4e8f8a6b3c2d1e0f9a8b", "secret": "sim-appcred-secret"],
            [
                "name": "heatsync", "user": ["name": "demo", "domain": ["id": "default"]],
                "secret": "sim-appcred-secret",
            ],
        ] {
            let body: [String: Any] = [
                "auth": ["identity": ["methods": ["application_credential"], "application_credential": credential]]
            ]
            let reply = try await client.send("POST", cloud.authURL + "/auth/tokens", json: body)
            #expect(reply.status == 201)
            let token = reply.json["token"] as? [String: Any]
            #expect((token?["application_credential"] as? [String: Any])?["restricted"] as? Bool == true)
        }
    }

    @Test("a wrong password or secret is 401 with Keystone's body and WWW-Authenticate")
    func wrongPassword() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let reply = try await SimClient().send(
            "POST",
            cloud.authURL + "/auth/tokens",
            json: Self.password("demo", "nope")
        )
        #expect(reply.status == 401)
        let error = reply.json["error"] as? [String: Any]
        #expect(error?["code"] as? Int == 401)
        #expect(error?["title"] as? String == "Unauthorized")
        #expect(error?["message"] as? String == "The request you have made requires authentication.")
        #expect(reply.header("WWW-Authenticate") == "Keystone uri=\"\(cloud.authURL)\"")
    }

    @Test("tokens expire; garbage and revoked tokens are refused like real Keystone")
    func expiryAndRevocation() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(tokenLifetime: .seconds(2)))
        defer { Task { await cloud.stop() } }
        let client = SimClient()
        let token = try #require(
            try await client.send("POST", cloud.authURL + "/auth/tokens", json: Self.password()).header(
                "X-Subject-Token"
            )
        )
        let garbage = try await client.send(
            "GET",
            cloud.authURL + "/auth/tokens",
            token: token,
            headers: ["X-Subject-Token": "garbage"]
        )
        #expect(garbage.status == 404)
        #expect((garbage.json["error"] as? [String: Any])?["message"] as? String == "Could not recognize Fernet token")

        let other = try #require(
            try await client.send("POST", cloud.authURL + "/auth/tokens", json: Self.password()).header(
                "X-Subject-Token"
            )
        )
        #expect(
            try await client.send(
                "DELETE",
                cloud.authURL + "/auth/tokens",
                token: token,
                headers: ["X-Subject-Token": other]
            ).status == 204
        )
        let revoked = try await client.send(
            "GET",
            cloud.authURL + "/auth/tokens",
            token: token,
            headers: ["X-Subject-Token": other]
        )
        #expect((revoked.json["error"] as? [String: Any])?["message"] as? String == "Failed to validate token")

        try await Task.sleep(for: .milliseconds(2200))
        let expired = try await client.send("GET", cloud.baseURL + "/heat/v1/x/stacks", token: token)
        #expect(expired.status == 401)
    }

    @Test("the request log records every call with its status")
    func requestLog() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        _ = try await SimClient().send("POST", cloud.authURL + "/auth/tokens", json: Self.password())
        _ = try await SimClient().send("GET", cloud.baseURL + "/heat/v1/p/stacks")
        let log = await cloud.requests()
        #expect(log.map(\.status) == [201, 401])
        #expect(log.map(\.service) == ["identity", "orchestration"])
    }
}
