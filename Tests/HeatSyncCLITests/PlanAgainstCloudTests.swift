import Foundation
import HeatSyncCore
import HeatSyncOpenStack
import HeatSyncTesting
import OpenStackSimulator
import Testing

@testable import HeatSyncCLI

/// `heatsync plan --cloud` against the simulator: clouds.yaml, Keystone, Heat, over loopback.
@Suite struct PlanAgainstCloudTests {
    @Test("an empty cloud plans every VM as a create; stacks made as heatsync renders them plan as unchanged")
    func planAgainstSimulator() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(createDuration: .milliseconds(50)))
        defer { Task { await cloud.stop() } }
        let folder = try TemporaryRepository(files: [
            "clouds.yaml": SimCommand.cloudsYAML(authURL: cloud.authURL, cloudName: "devcloud")
        ])
        let environment = ["OS_CLIENT_CONFIG_FILE": folder.path + "/clouds.yaml", "HOME": folder.path]
        let arguments = ["plan", CLI.path("examples"), "--no-color"]

        let empty = try await CLI.run(arguments, environment: environment)
        #expect(empty.exitCode == 2)
        #expect(empty.output.contains("Plan: 7 to create, 0 to update, 0 to delete, 0 to adopt."))

        // Create web-1 exactly as heatsync would, and an untagged stack where legacy-1 (which asks
        // for adoption) will live.
        let files = try FixtureRepository.files(at: URL(fileURLWithPath: CLI.path("examples")))
        let desired = DesiredStateLoader.load(files.filter { !$0.path.hasPrefix("broken/") })
        let web = try #require(desired.projects["shop"]?.vms.first { $0.name == "web-1" })
        let legacy = try #require(desired.projects["ml"]?.vms.first { $0.name == "legacy-1" })
        let config = try CloudConfigLoader.load(cloud: "devcloud", environment: environment)
        let heat = HeatClient(session: KeystoneSession(cloud: config, transport: CurlTransport()))
        _ = try await heat.createStack(
            name: web.stackName,
            templateJSON: web.rendered.body.canonicalText,
            parameters: web.rendered.parameters,
            tags: web.tags(owner: "default").tags
        )
        _ = try await heat.createStack(
            name: legacy.stackName,
            templateJSON: legacy.rendered.body.canonicalText,
            parameters: legacy.rendered.parameters,
            tags: ["imported-by-hand"]
        )
        try await Task.sleep(for: .milliseconds(200))

        await cloud.clearRequests()
        let planned = try await CLI.run(arguments + ["--json"], environment: environment)
        let plan = try JSONDecoder().decode(Plan.self, from: Data(planned.output.utf8))
        let actions = Dictionary(
            uniqueKeysWithValues: plan.changes.compactMap { change in change.vm.map { ($0, change.action) } }
        )
        #expect(actions["web-1"] == .noop)
        #expect(actions["legacy-1"] == .adopt)
        #expect(plan.summary.create == 5)

        // One owner-tagged list, and name lookups only for the VMs that would be created.
        let heatCalls = await cloud.requests().filter { $0.service == "orchestration" }
        let lists = heatCalls.filter { $0.path.hasSuffix("/stacks") }
        #expect(lists.count == 1)
        #expect(lists.first?.query["tags"] == "heatsync-owner=default")
    }
}
