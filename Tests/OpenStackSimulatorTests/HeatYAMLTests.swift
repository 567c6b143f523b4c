import Foundation
import Testing

@testable import OpenStackSimulator

/// Templates sent as YAML text, as real Heat accepts them (NOTES §2 "Create").
@Suite struct HeatYAMLReaderTests {
    static func json(_ value: Any) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    @Test("block and flow collections, quoting, YAML 1.1 typing, dates kept as strings")
    func structures() throws {
        let text = """
            # a comment
            heat_template_version: 2018-08-31   # a date stays a string
            description: >
              folded
              text

              new paragraph
            parameters:
              flavor: {type: string, default: "m1.small", constraints: [{allowed_values: [a, 'b c']}]}
              count:
                type: number
                default: 3
            resources:
              server:
                type: OS::Nova::Server
                properties:
                  networks:
                  - port: {get_resource: port}
                  - network: private
                  user_data: |
                    #cloud-config
                    packages: [nginx]
                  metadata: {"k": 'it''s', flag: yes, off: off, ratio: 0.5, none: ~}
            outputs:
              list:
                value:
                  - [1, two]
                  - -
            """
        let value = try HeatYAML.parse(text) as? [String: Any]
        let template = try #require(value)
        #expect(template["heat_template_version"] as? String == "2018-08-31")
        #expect(template["description"] as? String == "folded text\nnew paragraph\n")
        let parameters = try #require(template["parameters"] as? [String: Any])
        #expect(
            Self.json(parameters["flavor"] ?? 0)
                == #"[{"constraints":[{"allowed_values":["a","b c"]}],"default":"m1.small","type":"string"}]"#
        )
        #expect(Self.json(parameters["count"] ?? 0) == #"[{"default":3,"type":"number"}]"#)
        let server = try #require((template["resources"] as? [String: Any])?["server"] as? [String: Any])
        let properties = try #require(server["properties"] as? [String: Any])
        #expect(server["type"] as? String == "OS::Nova::Server")
        #expect(
            Self.json(properties["networks"] ?? 0) == #"[[{"port":{"get_resource":"port"}},{"network":"private"}]]"#
        )
        #expect(properties["user_data"] as? String == "#cloud-config\npackages: [nginx]\n")
        #expect(
            Self.json(properties["metadata"] ?? 0)
                == #"[{"flag":true,"k":"it's","none":null,"off":false,"ratio":0.5}]"#
        )
        let list = (template["outputs"] as? [String: Any])?["list"] as? [String: Any]
        #expect(Self.json(list?["value"] ?? 0) == #"[[[1,"two"],[null]]]"#, "'- -' is a list holding a null")
    }

    @Test(
        "what the reader does not support is refused, not misread",
        arguments: [
            ("a: &x 1\nb: *x\n", "anchors"), ("a: !!str 1\n", "tags"), ("a: 1\n---\nb: 2\n", "one YAML document"),
            ("a: 1\na: 2\n", "duplicate key 'a'"), ("a: {b: 1\n", "unclosed '{'"),
            ("? a\n: b\n", "complex mapping keys"),
        ]
    )
    func refused(text: String, message: String) {
        do {
            _ = try HeatYAML.parse(text)
            Issue.record("expected \(message)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}

extension HeatTests {
    @Suite struct HeatYAMLTemplateTests {
        static func repositoryText(_ name: String) throws -> String {
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("templates/\(name).yaml")
            return try String(contentsOf: url, encoding: .utf8)
        }

        @Test(
            "each shipped template sent as YAML text is stored exactly as heatsync's own reader reads it",
            arguments: ["ubuntu-basic@v1", "gpu-ubuntu@v1", "test-none@v1"]
        )
        func shippedTemplates(name: String) async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let expected = try HeatSimulatorTests.template(name)
            let declared = expected["parameters"] as? [String: Any] ?? [:]
            let parameters = HeatSimulatorTests.vm.filter { declared[$0.key] != nil }
            let reply = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-yaml", "template": try Self.repositoryText(name), "parameters": parameters]
            )
            #expect(reply.status == 201, "\(String(decoding: reply.body, as: UTF8.self))")
            let id = try #require((reply.json["stack"] as? [String: Any])?["id"] as? String)
            let stored = try await heat.send("GET", "/stacks/vm-yaml/\(id)/template")
            let storedJSON = try JSONSerialization.jsonObject(with: stored.body)
            #expect(HeatYAMLReaderTests.json(storedJSON) == HeatYAMLReaderTests.json(expected))
            #expect(try await heat.wait("vm-yaml", id)["stack_status"] as? String == "CREATE_COMPLETE")
        }

        @Test("a YAML template with an anchor is Heat's 400 with the reason")
        func refused() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let text = "heat_template_version: 2018-08-31\nresources:\n  a: &x {type: OS::Heat::None}\n  b: *x\n"
            let reply = try await heat.send("POST", "/stacks", json: ["stack_name": "vm-y", "template": text])
            #expect(reply.status == 400)
            #expect(reply.json["title"] as? String == "Bad Request")
            #expect(HeatSession.error(reply)["type"] as? String == "HTTPBadRequest")
            #expect((HeatSession.error(reply)["message"] as? String)?.contains("anchors are not supported") == true)
        }
    }
}
