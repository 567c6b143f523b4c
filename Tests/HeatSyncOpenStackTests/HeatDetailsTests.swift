import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// Events, resources, outputs, and the tag-only update heatsync adopts stacks with.
@Suite struct HeatDetailsTests {
    static let template = #"""
        {"heat_template_version": "2018-08-31",
         "parameters": {"flavor": {"type": "string", "default": "m1.small"}},
         "resources": {"none": {"type": "OS::Heat::None", "properties": {"f": {"get_param": "flavor"}}},
                       "rand": {"type": "OS::Heat::RandomString", "properties": {"length": 8}}},
         "outputs": {"server_id": {"value": {"get_resource": "none"}, "description": "the server"},
                     "private_ip": {"value": "192.0.2.1"}, "public_ip": {"value": ""},
                     "flavor": {"value": {"get_param": "flavor"}}}}
        """#

    @Test("events newest first, resources, outputs with values in one request, one output by key")
    func details() async throws {
        let (cloud, heat) = try await HeatClientTests.start()
        defer { Task { await cloud.stop() } }
        let id = try await heat.createStack(
            name: "vm-d",
            templateJSON: Self.template,
            parameters: ["flavor": "m1.large"],
            tags: ["heatsync"]
        )
        _ = try await HeatClientTests.settled(heat, "vm-d")
        let events = try await heat.events(name: "vm-d", id: id)
        #expect(events.first?.resourceName == "vm-d")
        #expect(events.first?.status == "CREATE_COMPLETE")
        #expect(events.first?.statusReason == "Stack CREATE completed successfully")
        #expect(events.count == 6, "stack and two resources, each IN_PROGRESS then COMPLETE")
        #expect(try await heat.events(name: "vm-d", id: id, limit: 2).count == 2)

        let resources = try await heat.resources(name: "vm-d", id: id)
        #expect(resources.map(\.name).sorted() == ["none", "rand"])
        #expect(resources.allSatisfy { $0.status == "CREATE_COMPLETE" && $0.physicalID != nil })
        #expect(resources.first { $0.name == "rand" }?.type == "OS::Heat::RandomString")

        await cloud.clearRequests()
        let outputs = try await heat.outputs(name: "vm-d", id: id)
        #expect(outputs.map(\.key) == ["flavor", "private_ip", "public_ip", "server_id"])
        #expect(outputs.first { $0.key == "flavor" }?.value == "m1.large")
        #expect(outputs.first { $0.key == "server_id" }?.description == "the server")
        #expect(await cloud.requests().count == 1, "values come with the stack show")
        let one = try await heat.output(name: "vm-d", id: id, key: "private_ip")
        #expect(one?.value == "192.0.2.1")
        #expect(try await heat.output(name: "vm-d", id: id, key: "nope") == nil)
    }

    @Test("adopt: a tag-only PATCH sets the full tag list and keeps template and parameters")
    func updateTags() async throws {
        let (cloud, heat) = try await HeatClientTests.start()
        defer { Task { await cloud.stop() } }
        let id = try await heat.createStack(
            name: "vm-a",
            templateJSON: Self.template,
            parameters: ["flavor": "m1.xlarge"],
            tags: []
        )
        let before = try #require(try await HeatClientTests.settled(heat, "vm-a"))
        let tags = ["heatsync", "heatsync-owner=o", "heatsync-project=p", "heatsync-name=a"]
        await cloud.clearRequests()
        try await heat.updateTags(name: "vm-a", id: id, tags: tags)
        let patch = await cloud.requests().filter { $0.service == "orchestration" }
        #expect(patch.map(\.method) == ["PATCH"])
        let after = try #require(try await HeatClientTests.settled(heat, "vm-a"))
        #expect(after.status == "UPDATE_COMPLETE")
        #expect(after.tags == tags)
        #expect(after.parameters?["flavor"] == "m1.xlarge")
        #expect(after.outputs == before.outputs, "same template, same resources")
        #expect(try await heat.listStacks(tags: ["heatsync-owner=o"]).map(\.id) == [id])
    }
}
