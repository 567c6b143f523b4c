import Foundation
import HeatSyncCore
import Testing

@testable import OpenStackSimulator

extension HeatTests {
    /// Simulator-only Heat behaviour: Nova servers behind `OS::Nova::Server`, floating IPs,
    /// update replacement, preview categories, injected faults and the simulator's own limits.
    @Suite struct HeatSimulatorTests {
        /// A repository template (templates/NAME.yaml) as the JSON heatsync sends: read with
        /// heatsync's own YAML reader, so the tests always use the shipped templates.
        static func template(_ name: String) throws -> [String: Any] {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("templates/\(name).yaml")
            let yaml = YAMLReader.read(Array(try Data(contentsOf: url)), path: name)
            let document = try #require(yaml.documents.first)
            let json = JSONValue(heatYAML: document).canonicalText
            return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        }

        static func outputs(_ stack: [String: Any]) -> [String: Any] {
            var out: [String: Any] = [:]
            for item in stack["outputs"] as? [[String: Any]] ?? [] {
                if let key = item["output_key"] as? String { out[key] = item["output_value"] }
            }
            return out
        }

        static var vm: [String: Any] { ["name": "web-1", "image": "ubuntu-22.04", "flavor": "m1.small"] }

        @Test("ubuntu-basic creates one ACTIVE Nova server; outputs match it; a public IP when asked")
        func ubuntuBasic() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            var parameters = Self.vm
            parameters["public_ip"] = true
            parameters["key_name"] = "ops"
            let id = try await heat.create(
                "vm-web",
                template: try Self.template("ubuntu-basic@v1"),
                parameters: parameters
            )
            #expect(await heat.cloud.state.allServers().isEmpty)
            let stack = try await heat.wait("vm-web", id)
            #expect(stack["stack_status"] as? String == "CREATE_COMPLETE")
            let servers = await heat.cloud.state.allServers()
            let server = try #require(servers.first)
            #expect(servers.count == 1)
            #expect(server.status == "ACTIVE")
            #expect(server.name == "web-1")
            #expect(server.flavor == "m1.small")
            #expect(server.image == "ubuntu-22.04")
            #expect(server.keyName == "ops")
            #expect(server.stackID == id)
            let outputs = Self.outputs(stack)
            #expect(outputs["server_id"] as? String == server.id)
            #expect(outputs["private_ip"] as? String == server.privateIP)
            #expect(outputs["public_ip"] as? String == server.publicIP)
            #expect(server.publicIP?.hasPrefix("203.0.") == true)
            #expect((stack["parameters"] as? [String: String])?["public_ip"] == "True")
        }

        @Test("without public_ip the floating IP resource is not created and public_ip is empty")
        func conditionFalse() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-web",
                template: try Self.template("ubuntu-basic@v1"),
                parameters: Self.vm
            )
            let stack = try await heat.wait("vm-web", id)
            #expect(Self.outputs(stack)["public_ip"] as? String == "")
            let resources =
                try await heat.send("GET", "/stacks/vm-web/\(id)/resources").json["resources"] as? [[String: Any]]
            #expect(
                Set(resources?.compactMap { $0["resource_name"] as? String } ?? []) == [
                    "port", "security_group", "server",
                ]
            )
            #expect(await heat.cloud.state.allServers().first?.publicIP == nil)
            #expect(await heat.cloud.state.allServers().first?.keyName == nil)
        }

        @Test("gpu-ubuntu records the GPU count in the server metadata")
        func gpuUbuntu() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            var parameters = Self.vm
            parameters["gpus"] = 2
            let id = try await heat.create(
                "vm-gpu",
                template: try Self.template("gpu-ubuntu@v1"),
                parameters: parameters
            )
            #expect(try await heat.wait("vm-gpu", id)["stack_status"] as? String == "CREATE_COMPLETE")
            #expect(await heat.cloud.state.allServers().first?.metadata == ["gpus": "2"])
        }

        @Test("test-none gives a 32-hex server id, the fixed private IP and honours create_delay")
        func testNone() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            var parameters = Self.vm
            parameters["create_delay"] = 1
            let id = try await heat.create(
                "vm-none",
                template: try Self.template("test-none@v1"),
                parameters: parameters
            )
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await heat.show("vm-none", id)["stack_status"] as? String == "CREATE_IN_PROGRESS")
            let stack = try await heat.wait("vm-none", id)
            let outputs = Self.outputs(stack)
            let serverID = try #require(outputs["server_id"] as? String)
            #expect(serverID.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil)
            #expect(outputs["private_ip"] as? String == "192.0.2.10")
            #expect(outputs["public_ip"] as? String == "")
            #expect(await heat.cloud.state.allServers().isEmpty)
            _ = try await heat.send("PATCH", "/stacks/vm-none/\(id)", json: ["parameters": ["flavor": "m1.large"]])
            #expect(Self.outputs(try await heat.wait("vm-none", id))["server_id"] as? String == serverID)
        }

        @Test("flavor changes the server in place; a new image replaces it; delete removes it")
        func updateAndDelete() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-web",
                template: try Self.template("ubuntu-basic@v1"),
                parameters: Self.vm
            )
            try await heat.wait("vm-web", id)
            let original = try #require(await heat.cloud.state.allServers().first)
            _ = try await heat.send("PATCH", "/stacks/vm-web/\(id)", json: ["parameters": ["flavor": "m1.large"]])
            try await heat.wait("vm-web", id)
            let resized = try #require(await heat.cloud.state.allServers().first)
            #expect(resized.id == original.id)
            #expect(resized.flavor == "m1.large")
            _ = try await heat.send("PATCH", "/stacks/vm-web/\(id)", json: ["parameters": ["image": "ubuntu-24.04"]])
            try await heat.wait("vm-web", id)
            let rebuilt = await heat.cloud.state.allServers()
            #expect(rebuilt.count == 1)
            #expect(rebuilt.first?.id != original.id)
            #expect(rebuilt.first?.image == "ubuntu-24.04")
            #expect(rebuilt.first?.privateIP == original.privateIP)
            _ = try await heat.send("DELETE", "/stacks/vm-web/\(id)")
            try await heat.wait("vm-web", id)
            #expect(await heat.cloud.state.allServers().isEmpty)
        }

        @Test("suspend and resume change the server's Nova status")
        func suspendResume() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-web",
                template: try Self.template("ubuntu-basic@v1"),
                parameters: Self.vm
            )
            try await heat.wait("vm-web", id)
            _ = try await heat.send("POST", "/stacks/vm-web/\(id)/actions", json: ["suspend": NSNull()])
            try await heat.wait("vm-web", id)
            #expect(await heat.cloud.state.allServers().first?.status == "SUSPENDED")
            _ = try await heat.send("POST", "/stacks/vm-web/\(id)/actions", json: ["resume": NSNull()])
            try await heat.wait("vm-web", id)
            #expect(await heat.cloud.state.allServers().first?.status == "ACTIVE")
        }

        @Test("preview: image and user_data replace the server, flavor updates it, the rest is unchanged")
        func preview() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-web",
                template: try Self.template("ubuntu-basic@v1"),
                parameters: Self.vm
            )
            try await heat.wait("vm-web", id)
            func changes(_ parameters: [String: Any]) async throws -> [String: [String]] {
                let reply = try await heat.send(
                    "PATCH",
                    "/stacks/vm-web/\(id)/preview",
                    json: ["parameters": parameters]
                )
                #expect(reply.status == 200)
                var out: [String: [String]] = [:]
                for (key, value) in reply.json["resource_changes"] as? [String: Any] ?? [:] {
                    out[key] = (value as? [[String: Any]] ?? []).compactMap { $0["resource_name"] as? String }.sorted()
                }
                return out
            }
            let flavor = try await changes(["flavor": "m1.large"])
            #expect(flavor["updated"] == ["server"])
            #expect(flavor["unchanged"] == ["port", "security_group"])
            #expect(try await changes(["image": "other"])["replaced"] == ["server"])
            #expect(try await changes(["user_data": "#cloud-config"])["replaced"] == ["server"])
            let publicIP = try await changes(["public_ip": true])
            #expect(publicIP["added"] == ["floating_ip"])
            #expect(try await changes([:])["unchanged"] == ["port", "security_group", "server"])
            #expect(try await heat.show("vm-web", id)["stack_status"] as? String == "CREATE_COMPLETE")
        }

        @Test("injected stack faults: fail ends CREATE_FAILED with the reason, stuck never completes")
        func faults() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            await heat.cloud.state.injectStackFault(.fail(reason: "Quota exceeded"))
            let failed = try await heat.create("vm-f")
            let stack = try await heat.wait("vm-f", failed)
            #expect(stack["stack_status"] as? String == "CREATE_FAILED")
            #expect(stack["stack_status_reason"] as? String == "Resource CREATE failed: Quota exceeded")
            await heat.cloud.state.injectStackFault(.stuck)
            let stuck = try await heat.create("vm-s")
            #expect(try await heat.wait("vm-s", stuck, seconds: 0.6)["stack_status"] as? String == "CREATE_IN_PROGRESS")
            #expect(try await heat.send("DELETE", "/stacks/vm-s/\(stuck)").status == 204)
            #expect(try await heat.wait("vm-s", stuck)["stack_status"] as? String == "DELETE_COMPLETE")
        }

        @Test("bad create requests: a YAML list, missing or unknown parameters, get_file, the stack limit")
        func badCreates() async throws {
            let heat = try await HeatSession.start(
                SimulatorConfiguration(createDuration: .milliseconds(50), maxStacksPerProject: 1)
            )
            defer { Task { await heat.cloud.stop() } }
            func post(_ body: [String: Any]) async throws -> SimClient.Reply {
                try await heat.send("POST", "/stacks", json: body)
            }
            let yaml = try await post(["stack_name": "vm-y", "template": "- heat_template_version: 2018-08-31\n"])
            #expect(yaml.status == 400)
            #expect(
                HeatSession.error(yaml)["message"] as? String == "The template is not a JSON object or YAML mapping."
            )
            let template = try Self.template("ubuntu-basic@v1")
            let missing = try await post(["stack_name": "vm-m", "template": template, "parameters": ["name": "x"]])
            #expect(missing.status == 400)
            #expect(HeatSession.error(missing)["type"] as? String == "UserParameterMissing")
            #expect(HeatSession.error(missing)["message"] as? String == "The Parameter (flavor) was not provided.")
            var unknown = Self.vm
            unknown["nope"] = 1
            let undeclared = try await post(["stack_name": "vm-u", "template": template, "parameters": unknown])
            #expect(
                HeatSession.error(undeclared)["message"] as? String
                    == "The Parameter (nope) was not defined in template."
            )
            let badName = try await post(["stack_name": "1-vm", "template": HeatSession.noneTemplate])
            #expect(HeatSession.error(badName)["type"] as? String == "StackValidationFailed")
            var gpus = Self.vm
            gpus["gpus"] = 9
            let range = try await post(
                ["stack_name": "vm-r", "template": try Self.template("gpu-ubuntu@v1"), "parameters": gpus]
            )
            #expect(range.status == 400)
            #expect(
                HeatSession.error(range)["message"] as? String
                    == "Parameter 'gpus' is invalid: A VM gets between 1 and 8 GPUs."
            )
            let file: [String: Any] = [
                "heat_template_version": "2018-08-31",
                "resources": ["n": ["type": "OS::Heat::None", "properties": ["x": ["get_file": "a.sh"]]]],
            ]
            #expect(try await post(["stack_name": "vm-g", "template": file]).status == 400)
            let json = String(
                decoding: try JSONSerialization.data(withJSONObject: HeatSession.noneTemplate),
                as: UTF8.self
            )
            #expect(try await post(["stack_name": "vm-1", "template": json]).status == 201)
            let limit = try await post(["stack_name": "vm-2", "template": HeatSession.noneTemplate])
            #expect(limit.status == 400)
            #expect(HeatSession.error(limit)["type"] as? String == "RequestLimitExceeded")
            #expect(
                HeatSession.error(limit)["message"] as? String
                    == "You have reached the maximum stacks per tenant, 1. Please delete some stacks."
            )
        }
    }
}
