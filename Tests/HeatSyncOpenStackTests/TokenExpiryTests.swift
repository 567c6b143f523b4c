import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// A token that ends in the middle of a paged read: exactly one re-authentication, and no
/// request repeated except the one the cloud refused.
@Suite struct TokenExpiryTests {
    static func authRequests(_ cloud: OpenStackSimulator) async -> [RequestRecord] {
        await cloud.requests().filter { $0.method == "POST" && $0.path.hasSuffix("/auth/tokens") }
    }

    /// Reads 30 stacks in pages of 10, pausing `pause` after the first page.
    static func pagedRead(_ heat: HeatClient, pause: Duration) async throws -> Int {
        var count = 0
        var pages = 0
        for try await page in heat.stackPages(tags: ["heatsync-owner=o"], pageSize: 10) {
            count += page.count
            pages += 1
            if pages == 1 { try await Task.sleep(for: pause) }
        }
        return count
    }

    @Test("a token expiring mid-run is renewed ahead of time: one re-auth, no 401, every page asked once")
    func renewedAhead() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(tokenLifetime: .seconds(4)))
        defer { Task { await cloud.stop() } }
        try await SimulatorSeed.stacks(cloud, count: 30, tags: ["heatsync-owner=o"])
        let session = KeystoneSession(
            cloud: KeystoneSessionTests.demo(cloud),
            transport: CurlTransport(),
            refreshAhead: .seconds(1)
        )
        await cloud.clearRequests()
        #expect(try await Self.pagedRead(HeatClient(session: session), pause: .milliseconds(3200)) == 30)
        #expect(await Self.authRequests(cloud).count == 2, "the first token, then exactly one renewal")
        let lists = await SimulatorSeed.stackLists(cloud)
        #expect(lists.map(\.status) == [200, 200, 200, 200])
        #expect(Set(lists.map { $0.query["marker"] ?? "" }).count == 4, "no duplicate request")
    }

    @Test("a token that dies before its expires_at (clock skew): one 401, one re-auth, only that request repeated")
    func diesEarly() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(tokenLifetime: .seconds(6)))
        defer { Task { await cloud.stop() } }
        try await SimulatorSeed.stacks(cloud, count: 30, tags: ["heatsync-owner=o"])
        // Tokens claim six seconds but stop working after two.
        await cloud.inject(.tokenSkew(seconds: 4))
        let session = KeystoneSession(
            cloud: KeystoneSessionTests.demo(cloud),
            transport: CurlTransport(),
            refreshAhead: .seconds(1)
        )
        await cloud.clearRequests()
        #expect(try await Self.pagedRead(HeatClient(session: session), pause: .milliseconds(2500)) == 30)
        #expect(await Self.authRequests(cloud).count == 2, "the first token, then exactly one re-authentication")
        let lists = await SimulatorSeed.stackLists(cloud)
        #expect(lists.map(\.status) == [200, 401, 200, 200, 200])
        #expect(lists[1].query == lists[2].query, "the refused request is the one sent again")
        let succeeded = lists.filter { $0.status == 200 }.map { $0.query["marker"] ?? "" }
        #expect(Set(succeeded).count == succeeded.count, "no page served twice")
    }
}
