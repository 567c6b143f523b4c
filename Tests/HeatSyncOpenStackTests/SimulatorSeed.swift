import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// Fills a simulator with stacks through its admin API (`POST /_sim/seed`).
enum SimulatorSeed {
    static func stacks(_ cloud: OpenStackSimulator, count: Int, tags: [String]) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["stacks": count, "tags": tags])
        let reply = try await CurlTransport().send(
            HTTPRequest(method: "POST", url: cloud.baseURL + "/_sim/seed", body: Array(body))
        )
        try #require(reply.status == 200, "seeding answered \(reply.status)")
    }

    /// Stack-list calls Heat served, in order.
    static func stackLists(_ cloud: OpenStackSimulator) async -> [RequestRecord] {
        await cloud.requests().filter { $0.method == "GET" && $0.path.hasSuffix("/stacks") }
    }
}
