import Foundation
import Testing

@testable import OpenStackSimulator

/// Token faults (revocation, skew), stack faults and the admin API's validation.
@Suite struct FaultTokenTests {
    @Test("revoke_tokens: every issued token is 401 afterwards; a new one works")
    func revoke() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let flavors = cloud.baseURL + "/compute/v2.1/flavors"
        #expect(try await client.send("GET", flavors, token: token).status == 200)
        let posted = try await client.send("POST", cloud.baseURL + "/_sim/faults", json: ["revoke_tokens": true])
        #expect(posted.status == 201)
        #expect(posted.json["id"] is NSNull)
        let refused = try await client.send("GET", flavors, token: token)
        #expect(refused.status == 401)
        #expect(refused.header("WWW-Authenticate")?.hasPrefix("Keystone uri=") == true)
        let fresh = try await SimTest.token(cloud)
        #expect(try await client.send("GET", flavors, token: fresh).status == 200)
    }

    @Test("token skew: a fresh token stops working long before its lifetime ends")
    func skew() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(tokenLifetime: .seconds(3600)))
        defer { Task { await cloud.stop() } }
        let before = try await SimTest.token(cloud)
        await cloud.inject(.tokenSkew(seconds: 3598.5))
        let skewed = try await SimTest.token(cloud)
        let client = SimClient()
        let flavors = cloud.baseURL + "/compute/v2.1/flavors"
        #expect(try await client.send("GET", flavors, token: skewed).status == 200)
        try await Task.sleep(for: .milliseconds(1800))
        #expect(try await client.send("GET", flavors, token: skewed).status == 401)
        #expect(try await client.send("GET", flavors, token: before).status == 200)
        await cloud.clearFaults()
        let normal = try await SimTest.token(cloud)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await client.send("GET", flavors, token: normal).status == 200)
    }

    @Test("stack_fault: queued in order through the admin API, consumed first in first out")
    func stackFaults() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let client = SimClient()
        let url = cloud.baseURL + "/_sim/faults"
        #expect(try await client.send("POST", url, json: ["stack_fault": "fail", "reason": "boom"]).status == 201)
        #expect(try await client.send("POST", url, json: ["stack_fault": "stuck"]).status == 201)
        await cloud.inject(.nextStackCreateFails())
        let pending = await cloud.state.faults.pendingStackFaults
        #expect(pending.count == 3)
        #expect(pending.prefix(2) == [.fail(reason: "boom"), .stuck])
        let listing = try await client.send("GET", url)
        #expect((listing.json["pending_stack_faults"] as? [[String: Any]])?.first?["reason"] as? String == "boom")

        var faults = FaultState(seed: 1)
        faults.pendingStackFaults = pending
        #expect(faults.consumeStackFault() == .fail(reason: "boom"))
        #expect(faults.consumeStackFault() == .stuck)
        guard case .fail(let reason) = faults.consumeStackFault() else {
            Issue.record("expected the default failure")
            return
        }
        #expect(reason.contains("No valid host was found"))
        #expect(faults.consumeStackFault() == nil)
    }

    @Test("the admin API validates bodies, lists, deletes one, and clears")
    func adminAPI() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let client = SimClient()
        let url = cloud.baseURL + "/_sim/faults"
        #expect(try await client.send("POST", url, json: ["error_rate": 2]).status == 400)
        #expect(try await client.send("POST", url, json: ["colour": "red"]).status == 400)
        #expect(try await client.send("POST", url, json: ["stack_fault": "explode"]).status == 400)
        let first = try await client.send("POST", url, json: ["latency_ms": 10, "service": "image"])
        let id = try #require(first.json["id"] as? String)
        _ = try await client.send("POST", url, json: ["error_status": 502, "error_rate": 0.5, "token_skew_seconds": 5])
        let listing = try await client.send("GET", url)
        #expect((listing.json["faults"] as? [[String: Any]])?.count == 2)
        #expect(listing.json["token_skew_seconds"] as? Double == 5)
        #expect(try await client.send("DELETE", url + "/" + id).status == 204)
        #expect(try await client.send("DELETE", url + "/" + id).status == 404)
        #expect((try await client.send("GET", url).json["faults"] as? [Any])?.count == 1)
        #expect(try await client.send("DELETE", url).status == 204)
        let cleared = try await client.send("GET", url)
        #expect((cleared.json["faults"] as? [Any])?.isEmpty == true)
        #expect(cleared.json["token_skew_seconds"] as? Double == 0)
    }
}
