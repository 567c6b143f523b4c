import Foundation
import Testing

@testable import OpenStackSimulator

/// Nova (compute v2.1): the seed catalog, servers, power actions and Nova's 409s.
@Suite struct NovaTests {
    @Test("flavors list the seed catalog with stable ids; g1.large carries a VGPU extra spec")
    func flavors() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let list = try await client.send("GET", cloud.baseURL + "/compute/v2.1/flavors", token: token)
        #expect(list.status == 200)
        let names = (list.json["flavors"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge", "g1.large"])
        let detail = try await client.send("GET", cloud.baseURL + "/compute/v2.1/flavors/detail", token: token)
        let tiny = (detail.json["flavors"] as? [[String: Any]])?.first
        #expect(tiny?["id"] as? String == "1")
        #expect(tiny?["vcpus"] as? Int == 1 && tiny?["ram"] as? Int == 512 && tiny?["disk"] as? Int == 1)
        let gpu = try #require(SimFlavor.find("g1.large"))
        let specs = try await client.send(
            "GET",
            cloud.baseURL + "/compute/v2.1/flavors/\(gpu.id)/os-extra_specs",
            token: token
        )
        #expect((specs.json["extra_specs"] as? [String: String])?["resources:VGPU"] == "1")
        let modern = try await client.send(
            "GET",
            cloud.baseURL + "/compute/v2.1/flavors/\(gpu.id)",
            token: token,
            headers: ["OpenStack-API-Version": "compute 2.61"]
        )
        #expect(modern.header("OpenStack-API-Version") == "compute 2.61")
        let flavor = modern.json["flavor"] as? [String: Any]
        #expect((flavor?["extra_specs"] as? [String: String])?["resources:VGPU"] == "1")
        #expect(flavor?["ram"] as? Int == 32768)
        let missing = try await client.send("GET", cloud.baseURL + "/compute/v2.1/flavors/nope", token: token)
        #expect(missing.status == 404)
        #expect(
            (missing.json["itemNotFound"] as? [String: Any])?["message"] as? String == "Flavor nope could not be found."
        )
    }

    @Test("every project has the ops key pair; creating a duplicate is a 409")
    func keypairs() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let url = cloud.baseURL + "/compute/v2.1/os-keypairs"
        let list = try await client.send("GET", url, token: token)
        let names = (list.json["keypairs"] as? [[String: Any]] ?? []).compactMap {
            ($0["keypair"] as? [String: Any])?["name"] as? String
        }
        #expect(names == ["ops"])
        let body = ["keypair": ["name": "deploy", "public_key": "ssh-ed25519 AAAAC3Nza deploy@ci"]]
        #expect(try await client.send("POST", url, token: token, json: body).status == 200)
        #expect(try await client.send("GET", url, token: token).json["keypairs"] as? [Any] != nil)
        let again = try await client.send("POST", url, token: token, json: body)
        #expect(again.status == 409)
        #expect(
            (again.json["conflictingRequest"] as? [String: Any])?["message"] as? String
                == "Key pair 'deploy' already exists."
        )
    }

    @Test("servers: the project's own only, Nova's body, name filtered as a regular expression")
    func servers() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let web = try await SimTest.server(cloud, "vm-web-1", publicIP: true)
        _ = try await SimTest.server(cloud, "vm-db-1")
        let other = try await SimTest.server(cloud, "vm-admin", project: "admin")
        let all = try await client.send("GET", cloud.baseURL + "/compute/v2.1/servers/detail", token: token)
        let names = Set((all.json["servers"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        #expect(names == ["vm-web-1", "vm-db-1"])
        let filtered = try await client.send("GET", cloud.baseURL + "/compute/v2.1/servers?name=web", token: token)
        #expect((filtered.json["servers"] as? [[String: Any]])?.map { $0["name"] as? String } == ["vm-web-1"])
        let show = try await client.send("GET", cloud.baseURL + "/compute/v2.1/servers/\(web.id)", token: token)
        let server = try #require(show.json["server"] as? [String: Any])
        #expect(server["status"] as? String == "ACTIVE")
        #expect(server["OS-EXT-STS:vm_state"] as? String == "active")
        #expect(server["OS-EXT-STS:power_state"] as? Int == 1)
        #expect((server["flavor"] as? [String: Any])?["id"] as? String == "2")
        #expect((server["image"] as? [String: Any])?["id"] as? String == SimImage.find("ubuntu-22.04")?.id)
        #expect(server["key_name"] as? String == "ops")
        let addresses = (server["addresses"] as? [String: Any])?["private"] as? [[String: Any]] ?? []
        #expect(addresses.map { $0["OS-EXT-IPS:type"] as? String } == ["fixed", "floating"])
        #expect(addresses.first?["addr"] as? String == web.privateIP)
        #expect(addresses.last?["addr"] as? String == web.publicIP)
        let hidden = try await client.send("GET", cloud.baseURL + "/compute/v2.1/servers/\(other.id)", token: token)
        #expect(hidden.status == 404)
        #expect(
            (hidden.json["itemNotFound"] as? [String: Any])?["message"] as? String
                == "Instance \(other.id) could not be found."
        )
    }

    @Test("stop and start follow Nova's state checks; invalid transitions are 409 conflictingRequest")
    func stopStart() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let server = try await SimTest.server(cloud, "vm-a1")
        let action = cloud.baseURL + "/compute/v2.1/servers/\(server.id)/action"
        let show = cloud.baseURL + "/compute/v2.1/servers/\(server.id)"
        func conflict(_ reply: SimClient.Reply) -> String? {
            (reply.json["conflictingRequest"] as? [String: Any])?["message"] as? String
        }
        let start = try await client.send("POST", action, token: token, json: ["os-start": NSNull()])
        #expect(start.status == 409)
        #expect(conflict(start) == "Cannot 'start' instance \(server.id) while it is in vm_state active")
        #expect(try await client.send("POST", action, token: token, json: ["os-stop": NSNull()]).status == 202)
        let stopped = try await client.send("GET", show, token: token).json["server"] as? [String: Any]
        #expect(stopped?["status"] as? String == "SHUTOFF")
        #expect(stopped?["OS-EXT-STS:power_state"] as? Int == 4)
        let stopAgain = try await client.send("POST", action, token: token, json: ["os-stop": NSNull()])
        #expect(conflict(stopAgain) == "Cannot 'stop' instance \(server.id) while it is in vm_state stopped")
        let soft = try await client.send("POST", action, token: token, json: ["reboot": ["type": "SOFT"]])
        #expect(soft.status == 409)
        #expect(conflict(soft) == "Cannot 'reboot' instance \(server.id) while it is in vm_state stopped")
        #expect(try await client.send("POST", action, token: token, json: ["os-start": NSNull()]).status == 202)
        let started = try await client.send("GET", show, token: token).json["server"] as? [String: Any]
        #expect(started?["status"] as? String == "ACTIVE")
    }

    @Test("a reboot shows REBOOT, refuses a second soft reboot, and settles to ACTIVE")
    func reboot() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        await cloud.state.setRebootDuration(1)
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let server = try await SimTest.server(cloud, "vm-r")
        let action = cloud.baseURL + "/compute/v2.1/servers/\(server.id)/action"
        let show = cloud.baseURL + "/compute/v2.1/servers/\(server.id)"
        #expect(try await client.send("POST", action, token: token, json: ["reboot": ["type": "SOFT"]]).status == 202)
        let rebooting = try await client.send("GET", show, token: token).json["server"] as? [String: Any]
        #expect(rebooting?["status"] as? String == "REBOOT")
        #expect(rebooting?["OS-EXT-STS:task_state"] as? String == "rebooting")
        let second = try await client.send("POST", action, token: token, json: ["reboot": ["type": "SOFT"]])
        #expect(second.status == 409)
        #expect(try await client.send("POST", action, token: token, json: ["reboot": ["type": "HARD"]]).status == 202)
        var status = ""
        for _ in 0..<80 {
            status =
                (try await client.send("GET", show, token: token).json["server"] as? [String: Any])?["status"]
                as? String ?? ""
            if status == "ACTIVE" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status == "ACTIVE")
        let bad = try await client.send("POST", action, token: token, json: ["reboot": ["type": "GENTLE"]])
        #expect(bad.status == 400)
        let unknown = try await client.send("POST", action, token: token, json: ["os-fly": NSNull()])
        #expect(
            (unknown.json["badRequest"] as? [String: Any])?["message"] as? String == "There is no such action: os-fly"
        )
        let missing = try await client.send(
            "POST",
            cloud.baseURL + "/compute/v2.1/servers/nope/action",
            token: token,
            json: ["os-start": NSNull()]
        )
        #expect(missing.status == 404)
    }

    @Test("limits and quota sets count the project's servers")
    func limitsAndQuotas() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        _ = try await SimTest.server(cloud, "a", flavor: "m1.small")
        _ = try await SimTest.server(cloud, "b", flavor: "m1.large")
        let limits = try await client.send("GET", cloud.baseURL + "/compute/v2.1/limits", token: token)
        let absolute = (limits.json["limits"] as? [String: Any])?["absolute"] as? [String: Any]
        #expect(absolute?["maxTotalInstances"] as? Int == 10)
        #expect(absolute?["totalInstancesUsed"] as? Int == 2)
        #expect(absolute?["totalCoresUsed"] as? Int == 5)
        #expect(absolute?["totalRAMUsed"] as? Int == 10240)
        let project = try await SimTest.projectID(cloud)
        let quota = try await client.send(
            "GET",
            cloud.baseURL + "/compute/v2.1/os-quota-sets/\(project)/detail",
            token: token
        )
        let cores = (quota.json["quota_set"] as? [String: Any])?["cores"] as? [String: Any]
        #expect(cores?["limit"] as? Int == 20)
        #expect(cores?["in_use"] as? Int == 5)
    }
}
