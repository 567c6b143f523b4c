import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// The Keystone session against the simulator over loopback, through the real libcurl transport.
@Suite struct KeystoneSessionTests {
    static func demo(_ cloud: OpenStackSimulator, password: String = "sim-demo") -> CloudConfig {
        CloudConfig(
            name: "sim",
            authURL: cloud.authURL,
            credentials: .password(
                username: "demo",
                userDomain: "Default",
                password: password,
                projectName: "demo",
                projectID: nil,
                projectDomain: "Default"
            ),
            region: "RegionOne"
        )
    }

    static func tokenRequests(_ cloud: OpenStackSimulator) async -> Int {
        await cloud.requests().filter { $0.method == "POST" && $0.path.hasSuffix("/auth/tokens") }.count
    }

    @Test("password and application-credential auth find the orchestration endpoint")
    func authenticates() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let session = KeystoneSession(cloud: Self.demo(cloud), transport: CurlTransport())
        let endpoint = try await session.endpoint(service: "orchestration")
        let project = try #require(try await session.projectID())
        #expect(endpoint == "\(cloud.baseURL)/heat/v1/\(project)")

        let appCredential = CloudConfig(
            name: "sim",
            authURL: cloud.authURL,
            credentials: .applicationCredential(
                id: "5e1f0c7a2b9d4e8f8a6b3c2d1e0f9a8b",
                name: nil,
                username: nil,
                userDomain: "Default",
                secret: "sim-appcred-secret"
            )
        )
        let other = KeystoneSession(cloud: appCredential, transport: CurlTransport())
        #expect(try await other.projectID() == project)
    }

    @Test("concurrent requests share one token request")
    func singleFlight() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let session = KeystoneSession(cloud: Self.demo(cloud), transport: CurlTransport())
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await session.endpoint(service: "compute") } }
            for try await _ in group {}
        }
        #expect(await Self.tokenRequests(cloud) == 1)
    }

    @Test("a token is renewed ahead of its expiry")
    func refreshAhead() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(tokenLifetime: .seconds(90)))
        defer { Task { await cloud.stop() } }
        let clock = TestClock()
        let session = KeystoneSession(
            cloud: Self.demo(cloud),
            transport: CurlTransport(),
            refreshAhead: .seconds(60),
            now: { clock.now }
        )
        _ = try await session.endpoint(service: "compute")
        _ = try await session.endpoint(service: "compute")
        #expect(await Self.tokenRequests(cloud) == 1)
        // 55 s left (plus however long the token request took on a loaded machine): inside the
        // 60 s refresh window with room to spare.
        clock.advance(by: 35)
        _ = try await session.endpoint(service: "compute")
        #expect(await Self.tokenRequests(cloud) == 2)
    }

    @Test("a 401 from a service renews the token once and retries")
    func retryOnceOn401() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let transport = CurlTransport()
        let session = KeystoneSession(cloud: Self.demo(cloud), transport: transport)
        _ = try await session.endpoint(service: "orchestration")
        // Revoke every token the session may hold, behind its back.
        let admin = try await transport.send(
            HTTPRequest(method: "POST", url: cloud.authURL + "/auth/tokens", body: Array(Self.adminAuth.utf8))
        )
        let adminToken = try #require(admin.header("x-subject-token"))
        let issued = await cloud.issuedTokens()
        for token in issued where token != adminToken {
            _ = try await transport.send(
                HTTPRequest(
                    method: "DELETE",
                    url: cloud.authURL + "/auth/tokens",
                    headers: [("X-Auth-Token", adminToken), ("X-Subject-Token", token)]
                )
            )
        }
        await cloud.clearRequests()
        let response = try await session.send(service: "orchestration", method: "GET", path: "/stacks")
        #expect(response.status != 401)
        let statuses = await cloud.requests().map { "\($0.method) \($0.status)" }
        #expect(statuses == ["GET 401", "POST 201", "GET \(response.status)"])
    }

    static let adminAuth =
        #"{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"id":"default"},"password":"sim-admin"}}}}}"#

    @Test("wrong credentials are an authentication error that names the user, never the password")
    func wrongPassword() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let session = KeystoneSession(cloud: Self.demo(cloud, password: "hunter2-secret"), transport: CurlTransport())
        do {
            _ = try await session.endpoint(service: "orchestration")
            Issue.record("expected an authentication error")
        } catch let error as OpenStackError {
            #expect(error.isAuthentication)
            #expect(error.description.contains("user demo"))
            #expect(!error.description.contains("hunter2"))
            #expect(error.requestID?.hasPrefix("req-") == true)
        }
    }

    @Test("a region without the service is a clear configuration error")
    func wrongRegion() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        var config = Self.demo(cloud)
        config.region = "Mars"
        let session = KeystoneSession(cloud: config, transport: CurlTransport())
        await #expect(throws: OpenStackError.self) { try await session.endpoint(service: "orchestration") }
    }

    @Test("an endpoint override wins over the catalog")
    func override() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        var config = Self.demo(cloud)
        config.endpointOverrides["orchestration"] = "http://heat.example:8004/v1/x/"
        let session = KeystoneSession(cloud: config, transport: CurlTransport())
        #expect(try await session.endpoint(service: "orchestration") == "http://heat.example:8004/v1/x")
    }

    @Test("a closed port is a transport error, not a hang")
    func closedPort() async throws {
        let transport = CurlTransport()
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:9/", timeout: .seconds(5)))
            Issue.record("expected a transport error")
        } catch let error as OpenStackError {
            #expect(error.isRetryable)
            #expect(error.shortDescription == "transport")
        }
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0
    private let start = Date()

    var now: Date { lock.withLock { start.addingTimeInterval(offset) } }
    func advance(by seconds: TimeInterval) { lock.withLock { offset += seconds } }
}
