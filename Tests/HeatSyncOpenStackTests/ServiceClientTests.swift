import Foundation
import HeatSyncOpenStack
import Testing

@testable import OpenStackSimulator

/// Nova, Glance and Neutron clients against the simulator over loopback.
@Suite struct ServiceClientTests {
    static func session(_ cloud: OpenStackSimulator) -> KeystoneSession {
        KeystoneSession(cloud: KeystoneSessionTests.demo(cloud), transport: CurlTransport())
    }

    @Test("Nova: flavors with extra specs, key pairs")
    func novaCatalog() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let nova = NovaClient(session: Self.session(cloud))
        let flavors = try await nova.flavors()
        #expect(flavors.map(\.name).contains("m1.small"))
        let gpu = try #require(flavors.first { $0.name == "g1.large" })
        #expect(gpu.extraSpecs["resources:VGPU"] == "1")
        #expect(try await nova.keyPairs().contains("ops"))
    }

    @Test("Nova: power actions, and a 409 carries Nova's explanation")
    func novaActions() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let session = Self.session(cloud)
        let project = try #require(try await session.projectID())
        let server = await cloud.state.addServer(name: "vm-x", projectID: project)
        let nova = NovaClient(session: session)
        try await nova.perform(.stop, server: server.id)
        #expect(try await nova.server(id: server.id)?.status == "SHUTOFF")
        do {
            try await nova.perform(.stop, server: server.id)
            Issue.record("stopping a stopped server must be refused")
        } catch let error as OpenStackError {
            #expect(error.status == 409)
            #expect(error.description.contains("vm_state stopped"))
        }
        #expect(try await nova.server(id: "no-such-server") == nil)
    }

    @Test("Glance: every image across pages")
    func glance() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let images = try await GlanceClient(session: Self.session(cloud)).images(pageSize: 3)
        #expect(Set(images.map(\.name)) == ["ubuntu-22.04", "debian-12", "centos-stream-9", "fedora-39"])
    }

    @Test("Neutron: networks with the external flag, subnets, security groups")
    func neutron() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let neutron = NeutronClient(session: Self.session(cloud))
        let networks = try await neutron.networks()
        #expect(networks.first { $0.name == "public" }?.isExternal == true)
        #expect(networks.first { $0.name == "private" }?.isExternal == false)
        #expect(try await neutron.subnets().map(\.name).contains("private-subnet"))
        #expect(try await neutron.securityGroups().map(\.name).contains("web"))
    }

    @Test("reads retry through injected 503s; writes do not")
    func retries() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let session = Self.session(cloud)
        _ = try await session.projectID()
        await cloud.inject(SimulatorFault.errors(status: 503, rate: 1.0, service: "compute").times(2))
        let nova = NovaClient(session: session, readRetry: RetryPolicy(attempts: 4, baseDelay: .milliseconds(10)))
        #expect(try await nova.keyPairs().contains("ops"))
        let statuses = await cloud.requests().filter { $0.service == "compute" }.map(\.status)
        #expect(statuses == [503, 503, 200])
    }
}
