import Foundation
import HeatSyncCore
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

@testable import HeatSyncCLI

/// `plan --out FILE` then `apply FILE`: exactly that plan, or a clear refusal when stale.
@Suite struct SavedPlanTests {
    @Test("a saved plan is applied as reviewed")
    func applySaved() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        let planFile = cloud.folder.path + "/plan.json"
        let planned = try await cloud.run(["plan", cloud.repository, "--out", planFile, "--no-color"])
        #expect(planned.exitCode == 2)
        let applied = try await cloud.run([
            "apply", planFile, "--repository", cloud.repository, "--poll-interval", "0.1",
        ])
        #expect(applied.exitCode == 0, "\(applied.output)")
        #expect(applied.output.contains("7 applied"))
        #expect(try await cloud.stackCounts().count == 7)
    }

    @Test("a saved plan is refused when the repository changed since")
    func staleRepository() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        let planFile = cloud.folder.path + "/plan.json"
        _ = try await cloud.run(["plan", cloud.repository, "--out", planFile])
        let web = try cloud.read("projects/shop/vms/web.yaml")
        try cloud.write("projects/shop/vms/web.yaml", web.replacingOccurrences(of: "m1.small", with: "m1.large"))
        await #expect {
            _ = try await cloud.run(["apply", planFile, "--repository", cloud.repository])
        } throws: { error in
            "\(error)".contains("stale") && "\(error)".contains("manifests or templates changed")
        }
        #expect(await cloud.mutatingHeatCalls().isEmpty)
    }

    @Test("a saved plan is refused when the cloud's stacks changed since")
    func staleCloud() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        let planFile = cloud.folder.path + "/plan.json"
        _ = try await cloud.run(["plan", cloud.repository, "--out", planFile])
        let web = try #require(try cloud.desired().projects["shop"]?.vms.first { $0.name == "web-1" })
        _ = try await cloud.heat().createStack(
            name: web.stackName,
            templateJSON: web.rendered.body.canonicalText,
            parameters: web.rendered.parameters,
            tags: web.tags(owner: "default").tags
        )
        await cloud.simulator.clearRequests()
        await #expect {
            _ = try await cloud.run(["apply", planFile, "--repository", cloud.repository])
        } throws: { error in
            "\(error)".contains("the cloud's stacks changed")
        }
        #expect(await cloud.mutatingHeatCalls().isEmpty)
    }

    @Test("a file that is not a plan is named in the error")
    func notAPlan() async throws {
        let cloud = try await SimulatedCloud()
        defer { Task { await cloud.stop() } }
        let bogus = cloud.folder.path + "/clouds.yaml"
        await #expect {
            _ = try await cloud.run(["apply", bogus, "--repository", cloud.repository])
        } throws: { error in
            "\(error)".contains("clouds.yaml: not a heatsync plan file")
        }
    }
}
