import Foundation
import Testing

@testable import OpenStackSimulator

/// Neutron v2.0: seed networks, subnets, security groups; ports and floating IPs from servers.
@Suite struct NeutronTests {
    static func list(_ cloud: OpenStackSimulator, _ path: String, token: String) async throws -> [[String: Any]] {
        let reply = try await SimClient().send("GET", cloud.baseURL + "/network/v2.0/" + path, token: token)
        #expect(reply.status == 200)
        let key = String(path.prefix { $0 != "?" }).replacingOccurrences(of: "-", with: "_")
        return reply.json[key] as? [[String: Any]] ?? []
    }

    @Test("networks and subnets: private, dmz, public (external); filters by name and attribute")
    func networks() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let networks = try await Self.list(cloud, "networks", token: token)
        #expect(Set(networks.compactMap { $0["name"] as? String }) == ["private", "dmz", "public"])
        let external = try await Self.list(cloud, "networks?router:external=true", token: token)
        #expect(external.map { $0["name"] as? String } == ["public"])
        let named = try await Self.list(cloud, "subnets?name=private-subnet", token: token)
        #expect(named.map { $0["cidr"] as? String } == ["10.0.0.0/16"])
        let publicID = try #require(external.first?["id"] as? String)
        let subnets = try await Self.list(cloud, "subnets?network_id=\(publicID)", token: token)
        #expect(subnets.map { $0["cidr"] as? String } == ["203.0.113.0/24"])
        let client = SimClient()
        let show = try await client.send("GET", cloud.baseURL + "/network/v2.0/networks/\(publicID)", token: token)
        #expect((show.json["network"] as? [String: Any])?["router:external"] as? Bool == true)
        let missing = try await client.send("GET", cloud.baseURL + "/network/v2.0/networks/nope", token: token)
        #expect(missing.status == 404)
        let error = missing.json["NeutronError"] as? [String: Any]
        #expect(error?["type"] as? String == "NetworkNotFound")
        #expect(error?["message"] as? String == "Network nope could not be found.")
        let invalid = try await client.send("GET", cloud.baseURL + "/network/v2.0/networks?colour=red", token: token)
        #expect(invalid.status == 400)
    }

    @Test("security groups default, web and ssh with their rules, per project")
    func securityGroups() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let groups = try await Self.list(cloud, "security-groups", token: token)
        #expect(groups.map { $0["name"] as? String }.sorted { ($0 ?? "") < ($1 ?? "") } == ["default", "ssh", "web"])
        let project = try await SimTest.projectID(cloud)
        #expect(groups.allSatisfy { $0["project_id"] as? String == project })
        let web = try #require(groups.first { $0["name"] as? String == "web" })
        let ports = (web["security_group_rules"] as? [[String: Any]] ?? []).filter {
            $0["direction"] as? String == "ingress"
        }.compactMap { $0["port_range_min"] as? Int }
        #expect(ports.sorted() == [80, 443])
        let rules = try await Self.list(
            cloud,
            "security-group-rules?security_group_id=\(web["id"] as? String ?? "")",
            token: token
        )
        #expect(rules.count == 4)
    }

    @Test("a port per server and a floating IP per server with a public address, own project only")
    func portsAndFloatingIPs() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let web = try await SimTest.server(cloud, "web", publicIP: true)
        _ = try await SimTest.server(cloud, "db")
        _ = try await SimTest.server(cloud, "theirs", publicIP: true, project: "admin")
        let ports = try await Self.list(cloud, "ports", token: token)
        #expect(ports.count == 2)
        let webPorts = try await Self.list(cloud, "ports?device_id=\(web.id)", token: token)
        let fixed = (webPorts.first?["fixed_ips"] as? [[String: Any]])?.first?["ip_address"] as? String
        #expect(fixed == web.privateIP)
        let floating = try await Self.list(cloud, "floatingips", token: token)
        #expect(floating.count == 1)
        #expect(floating.first?["floating_ip_address"] as? String == web.publicIP)
        #expect(floating.first?["fixed_ip_address"] as? String == web.privateIP)
        #expect(floating.first?["status"] as? String == "ACTIVE")
        #expect(floating.first?["port_id"] as? String == webPorts.first?["id"] as? String)
        let byAddress = try await Self.list(
            cloud,
            "floatingips?floating_ip_address=\(web.publicIP ?? "")",
            token: token
        )
        #expect(byAddress.count == 1)
        let admin = try await SimTest.token(cloud, user: "admin", password: "sim-admin")
        #expect(try await Self.list(cloud, "floatingips", token: admin).count == 2)
    }

    @Test("quotas show Neutron's defaults")
    func quotas() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let project = try await SimTest.projectID(cloud)
        let reply = try await SimClient().send("GET", cloud.baseURL + "/network/v2.0/quotas/\(project)", token: token)
        let quota = reply.json["quota"] as? [String: Any]
        #expect(quota?["floatingip"] as? Int == 50)
        #expect(quota?["security_group"] as? Int == 10)
    }
}
