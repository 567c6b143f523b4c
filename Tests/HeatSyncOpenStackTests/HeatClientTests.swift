import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// The Heat client against the simulator: what heatsync relies on, through real HTTP.
@Suite struct HeatClientTests {
    static let template = #"""
        {"heat_template_version": "2018-08-31",
         "parameters": {"flavor": {"type": "string", "default": "m1.small"}},
         "resources": {"none": {"type": "OS::Heat::None", "properties": {"f": {"get_param": "flavor"}}}},
         "outputs": {"server_id": {"value": {"get_resource": "none"}}, "private_ip": {"value": "192.0.2.1"},
                     "public_ip": {"value": ""}}}
        """#

    static func start() async throws -> (OpenStackSimulator, HeatClient) {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(createDuration: .milliseconds(50)))
        let session = KeystoneSession(cloud: KeystoneSessionTests.demo(cloud), transport: CurlTransport())
        return (cloud, HeatClient(session: session, readRetry: RetryPolicy(attempts: 2, baseDelay: .milliseconds(10))))
    }

    /// Polls until the stack settles, for at most two seconds.
    static func settled(_ heat: HeatClient, _ name: String) async throws -> HeatStack? {
        for _ in 0..<40 {
            let stack = try await heat.findStack(name: name)
            if let stack, stack.status.hasSuffix("_IN_PROGRESS") {
                try await Task.sleep(for: .milliseconds(50))
                continue
            }
            return stack
        }
        return nil
    }

    @Test("create tags the stack in the request; find resolves the name through Heat's redirect")
    func createAndFind() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        let id = try await heat.createStack(
            name: "vm-a",
            templateJSON: Self.template,
            parameters: ["flavor": "m1.large"],
            tags: ["heatsync", "heatsync-owner=o"]
        )
        let stack = try #require(try await Self.settled(heat, "vm-a"))
        #expect(stack.id == id)
        #expect(stack.status == "CREATE_COMPLETE")
        #expect(stack.tags == ["heatsync", "heatsync-owner=o"])
        #expect(stack.parameters?["flavor"] == "m1.large")
        #expect(stack.outputs?["private_ip"] == "192.0.2.1")
        #expect(try await heat.findStack(name: "vm-missing") == nil)
    }

    @Test("a duplicate name is a 409 carrying Heat's message")
    func duplicate() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        _ = try await heat.createStack(name: "vm-a", templateJSON: Self.template, parameters: [:], tags: ["x"])
        do {
            _ = try await heat.createStack(name: "vm-a", templateJSON: Self.template, parameters: [:], tags: ["x"])
            Issue.record("expected a conflict")
        } catch let error as OpenStackError {
            #expect(error.status == 409)
            #expect(error.description.contains("The Stack (vm-a) already exists."))
        }
    }

    @Test("the tag-filtered list walks every page and stops on the last one")
    func pagination() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        for index in 0..<5 {
            _ = try await heat.createStack(
                name: "vm-\(index)",
                templateJSON: Self.template,
                parameters: [:],
                tags: ["heatsync-owner=o"]
            )
        }
        _ = try await heat.createStack(name: "vm-other", templateJSON: Self.template, parameters: [:], tags: ["other"])
        await cloud.clearRequests()
        let stacks = try await heat.listStacks(tags: ["heatsync-owner=o"], pageSize: 2)
        #expect(Set(stacks.map(\.name)) == ["vm-0", "vm-1", "vm-2", "vm-3", "vm-4"])
        let lists = await cloud.requests().filter { $0.method == "GET" && $0.path.hasSuffix("/stacks") }
        #expect(lists.count == 3)
    }

    @Test("update keeps the full tag list; delete, then delete again, both succeed; deleted stacks are absent")
    func updateAndDelete() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        let id = try await heat.createStack(
            name: "vm-a",
            templateJSON: Self.template,
            parameters: [:],
            tags: ["a", "b"]
        )
        _ = try await Self.settled(heat, "vm-a")
        try await heat.updateStack(
            name: "vm-a",
            id: id,
            templateJSON: Self.template,
            parameters: ["flavor": "m1.xlarge"],
            tags: ["a", "b", "c"],
            patch: false
        )
        let updated = try #require(try await Self.settled(heat, "vm-a"))
        #expect(updated.status == "UPDATE_COMPLETE")
        #expect(updated.tags == ["a", "b", "c"])
        try await heat.deleteStack(name: "vm-a", id: id)
        _ = try await Self.settled(heat, "vm-a")
        try await heat.deleteStack(name: "vm-a", id: id)
        #expect(try await heat.findStack(name: "vm-a") == nil)
        #expect(try await heat.listStacks(tags: ["a"]).isEmpty)
    }

    @Test("tags with a comma or over 80 characters are refused before any request")
    func badTags() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        await #expect(throws: OpenStackError.self) {
            _ = try await heat.createStack(name: "vm-a", templateJSON: Self.template, parameters: [:], tags: ["a,b"])
        }
        await #expect(throws: OpenStackError.self) {
            _ = try await heat.createStack(
                name: "vm-a",
                templateJSON: Self.template,
                parameters: [:],
                tags: [String(repeating: "x", count: 81)]
            )
        }
    }
}

extension HeatClientTests {
    @Test("a create that fails with 500 is not retried blindly: exactly one POST reaches Heat")
    func noBlindRetryOfCreate() async throws {
        let (cloud, heat) = try await Self.start()
        defer { Task { await cloud.stop() } }
        _ = try await heat.listStacks(tags: [])
        await cloud.inject(SimulatorFault.errors(status: 500, rate: 1.0, service: "orchestration").times(1))
        do {
            _ = try await heat.createStack(name: "vm-a", templateJSON: Self.template, parameters: [:], tags: ["x"])
            Issue.record("expected the injected 500")
        } catch let error as OpenStackError {
            #expect(error.kind == .unavailable)
        }
        let posts = await cloud.requests().filter { $0.method == "POST" && $0.service == "orchestration" }
        #expect(posts.count == 1)
    }
}
