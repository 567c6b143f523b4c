import Foundation
import Testing

@testable import OpenStackSimulator

/// Request faults: latency, seeded error rates, count expiry, Retry-After, drops, matching.
@Suite struct FaultTests {
    static func post(_ cloud: OpenStackSimulator, _ body: [String: Any]) async throws -> SimClient.Reply {
        try await SimClient().send("POST", cloud.baseURL + "/_sim/faults", json: body)
    }

    @Test("latency delays a matching request by at least the injected time")
    func latency() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        #expect(try await Self.post(cloud, ["latency_ms": 300, "service": "compute"]).status == 201)
        let clock = ContinuousClock()
        let start = clock.now
        let reply = try await client.send("GET", cloud.baseURL + "/compute/v2.1/flavors", token: token)
        let elapsed = clock.now - start
        #expect(reply.status == 200)
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(10))
        let log = await cloud.requests()
        #expect(log.last?.service == "compute" && log.last?.status == 200)
    }

    /// The statuses of `count` flavor lists under a 30 % error rate, with a given seed.
    static func errorRun(seed: UInt64, count: Int) async throws -> [Int] {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(seed: seed))
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        await cloud.inject(.errors(status: 503, rate: 0.3, service: "compute"))
        var statuses: [Int] = []
        for _ in 0..<count {
            statuses.append(
                try await SimClient().send("GET", cloud.baseURL + "/compute/v2.1/flavors", token: token).status
            )
        }
        return statuses
    }

    @Test("an error rate is deterministic for a seed and answers in Nova's envelope")
    func errorRate() async throws {
        let first = try await Self.errorRun(seed: 7, count: 40)
        let second = try await Self.errorRun(seed: 7, count: 40)
        #expect(first == second)
        let failures = first.filter { $0 == 503 }.count
        #expect(failures > 3 && failures < 25)
        #expect(Set(first).isSubset(of: [200, 503]))

        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        await cloud.inject(.errors(status: 503, service: "compute"))
        let reply = try await SimClient().send("GET", cloud.baseURL + "/compute/v2.1/servers", token: token)
        #expect((reply.json["serviceUnavailable"] as? [String: Any])?["code"] as? Int == 503)
    }

    @Test("count: the fault hits the next N matching requests, then expires")
    func countExpiry() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        #expect(try await Self.post(cloud, ["error_status": 500, "service": "network", "count": 3]).status == 201)
        var statuses: [Int] = []
        for _ in 0..<5 {
            statuses.append(try await client.send("GET", cloud.baseURL + "/network/v2.0/networks", token: token).status)
        }
        #expect(statuses == [500, 500, 500, 200, 200])
        let listing = try await client.send("GET", cloud.baseURL + "/_sim/faults")
        #expect((listing.json["faults"] as? [Any])?.isEmpty == true)
        #expect(await cloud.activeFaults().isEmpty)
    }

    @Test("Retry-After comes with a 429 in Heat's faultwrap envelope")
    func retryAfter() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let fault: [String: Any] = [
            "service": "orchestration", "error_status": 429, "retry_after": 2, "method": "GET", "count": 1,
        ]
        #expect(try await Self.post(cloud, fault).status == 201)
        let reply = try await SimClient().send("GET", cloud.baseURL + "/heat/v1/x/stacks", token: token)
        #expect(reply.status == 429)
        #expect(reply.header("Retry-After") == "2")
        #expect(reply.json["title"] as? String == "Too Many Requests")
        #expect((reply.json["error"] as? [String: Any])?["type"] as? String == "HTTPTooManyRequests")
        #expect(reply.header("X-Openstack-Request-Id")?.hasPrefix("req-") == true)
    }

    @Test("drop: the client sees a transport error, not an HTTP status")
    func drop() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        await cloud.inject(.drop(service: "image").times(1))
        await #expect(throws: (any Error).self) {
            _ = try await SimClient().send("GET", cloud.baseURL + "/image/v2/images", token: token)
        }
        let after = try await SimClient().send("GET", cloud.baseURL + "/image/v2/images", token: token)
        #expect(after.status == 200)
    }

    @Test("method and path prefix narrow a fault; clearFaults removes it")
    func matching() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        await cloud.inject(.errors(status: 503).matching(method: "GET", pathPrefix: "/compute/v2.1/servers"))
        let servers = cloud.baseURL + "/compute/v2.1/servers"
        #expect(try await client.send("GET", servers, token: token).status == 503)
        #expect(try await client.send("GET", cloud.baseURL + "/compute/v2.1/flavors", token: token).status == 200)
        let keypair = ["keypair": ["name": "k", "public_key": "ssh-ed25519 AAAA k"]]
        let post = try await client.send(
            "POST",
            cloud.baseURL + "/compute/v2.1/os-keypairs",
            token: token,
            json: keypair
        )
        #expect(post.status == 200)
        await cloud.clearFaults()
        #expect(try await client.send("GET", servers, token: token).status == 200)
    }
}
