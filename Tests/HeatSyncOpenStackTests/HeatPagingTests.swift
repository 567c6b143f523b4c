import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// Listing many stacks: requests grow with pages, and pages are fetched only when consumed.
@Suite struct HeatPagingTests {
    static func start() async throws -> (OpenStackSimulator, HeatClient) {
        let cloud = try await OpenStackSimulator.start(
            SimulatorConfiguration(createDuration: .milliseconds(10), maxStacksPerProject: -1)
        )
        let session = KeystoneSession(cloud: KeystoneSessionTests.demo(cloud), transport: CurlTransport())
        return (cloud, HeatClient(session: session))
    }

    @Test("250 stacks in pages of 10: 26 list calls (25 full pages and the empty one), every stack once")
    func manyPages() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        try await SimulatorSeed.stacks(cloud, count: 250, tags: ["heatsync", "heatsync-owner=o"])
        try await SimulatorSeed.stacks(cloud, count: 3, tags: ["heatsync", "heatsync-owner=other"])
        await cloud.clearRequests()
        let stacks = try await heat.listStacks(tags: ["heatsync-owner=o"], pageSize: 10)
        #expect(stacks.count == 250)
        #expect(Set(stacks.map(\.id)).count == 250)
        let lists = await SimulatorSeed.stackLists(cloud)
        #expect(lists.count == 26)
        #expect(Set(lists.compactMap { $0.query["marker"] }).count == 25, "no page is asked for twice")
        #expect(lists.allSatisfy { $0.query["tags"] == "heatsync-owner=o" && $0.query["limit"] == "10" })
    }

    @Test("pages are an AsyncSequence fetched on demand; stacks() yields them one by one")
    func lazyPages() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        try await SimulatorSeed.stacks(cloud, count: 45, tags: ["heatsync-owner=o"])
        await cloud.clearRequests()
        var iterator = heat.stackPages(tags: ["heatsync-owner=o"], pageSize: 20).makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.count == 20)
        #expect(await SimulatorSeed.stackLists(cloud).count == 1, "one page consumed, one request")
        var sizes: [Int] = []
        while let page = try await iterator.next() { sizes.append(page.count) }
        #expect(sizes == [20, 5])
        #expect(await SimulatorSeed.stackLists(cloud).count == 3, "a short page is the last: no empty page fetched")

        var names: [String] = []
        for try await stack in heat.stacks(tags: ["heatsync-owner=o"], pageSize: 7) {
            names.append(stack.name)
            if names.count == 10 { break }
        }
        #expect(names.count == 10)
        #expect(names.first == "vm-seed-44", "newest first")
    }
}
