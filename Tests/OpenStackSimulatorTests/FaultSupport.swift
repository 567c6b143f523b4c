import Foundation
import Testing

@testable import OpenStackSimulator

/// Shared by the Nova, Glance, Neutron and fault tests: a token and the demo project.
enum SimTest {
    static func token(
        _ cloud: OpenStackSimulator,
        user: String = "demo",
        password: String = "sim-demo"
    ) async throws -> String {
        let reply = try await SimClient().send(
            "POST",
            cloud.authURL + "/auth/tokens",
            json: KeystoneContractTests.password(user, password)
        )
        return try #require(reply.header("X-Subject-Token"))
    }

    static func projectID(_ cloud: OpenStackSimulator, _ name: String = "demo") async throws -> String {
        try #require(await cloud.state.keystone.project(named: name)?.id)
    }

    /// A server in the demo project, as Heat would create it.
    static func server(
        _ cloud: OpenStackSimulator,
        _ name: String,
        flavor: String = "m1.small",
        publicIP: Bool = false,
        project: String = "demo"
    ) async throws -> SimServer {
        let projectID = try await projectID(cloud, project)
        return await cloud.state.addServer(name: name, projectID: projectID, flavor: flavor, publicIP: publicIP)
    }
}
