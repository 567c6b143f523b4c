import Foundation
import OpenStackSimulator
import Testing

extension HeatTests {
    /// Heat behaviours heatsync relies on, as recorded against real Heat
    /// (shared/devcloud/NOTES.md §0 and §2). Only real-Heat facts are asserted here.
    @Suite struct HeatContractTests {
        @Test("create answers 201 with Location and a self link, then CREATE_COMPLETE")
        func create() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let reply = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-a1", "template": HeatSession.notesTemplate(), "timeout_mins": 5]
            )
            #expect(reply.status == 201)
            #expect(reply.header("X-Openstack-Request-Id")?.hasPrefix("req-") == true)
            let stack = try #require(reply.json["stack"] as? [String: Any])
            let id = try #require(stack["id"] as? String)
            let expected = heat.heatURL + "/stacks/vm-a1/" + id
            #expect(reply.header("Location") == expected)
            #expect((stack["links"] as? [[String: Any]])?.first?["href"] as? String == expected)
            #expect((stack["links"] as? [[String: Any]])?.first?["rel"] as? String == "self")
            let done = try await heat.wait("vm-a1", id)
            #expect(done["stack_status"] as? String == "CREATE_COMPLETE")
            #expect(done["stack_status_reason"] as? String == "Stack CREATE completed successfully")
        }

        @Test("a duplicate live name is 409 StackExists; a DELETE_COMPLETE name can be re-used")
        func duplicateName() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-a1")
            let again = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-a1", "template": HeatSession.noneTemplate]
            )
            #expect(again.status == 409)
            #expect(again.json["title"] as? String == "Conflict")
            #expect(
                again.json["explanation"] as? String == "There was a conflict when trying to complete your request."
            )
            #expect(HeatSession.error(again)["type"] as? String == "StackExists")
            #expect(HeatSession.error(again)["message"] as? String == "The Stack (vm-a1) already exists.")
            #expect(HeatSession.error(again)["traceback"] is NSNull)
            try await heat.wait("vm-a1", id)
            #expect(try await heat.send("DELETE", "/stacks/vm-a1/\(id)").status == 204)
            #expect(try await heat.wait("vm-a1", id)["stack_status"] as? String == "DELETE_COMPLETE")
            let reused = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-a1", "template": HeatSession.noneTemplate]
            )
            #expect(reused.status == 201)
        }

        @Test("tags: one comma-separated string, stored without trimming; a JSON list is 400 AttributeError")
        func tags() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let cases: [(String, [String])] = [
                (
                    "heatsync,heatsync-project=demo,hs=sha256:abcd",
                    ["heatsync", "heatsync-project=demo", "hs=sha256:abcd"]
                ),
                (" lead,trail ", [" lead", "trail "]), ("a,,b", ["a", "", "b"]), ("d,d", ["d", "d"]), ("", [""]),
                (
                    "path=a/b/c,k=v=w,a&b=c,q\"uote,pct%2Cx,has space,ünïcödé",
                    ["path=a/b/c", "k=v=w", "a&b=c", "q\"uote", "pct%2Cx", "has space", "ünïcödé"]
                ),
                (String(repeating: "x", count: 80), [String(repeating: "x", count: 80)]),
            ]
            for (index, (sent, stored)) in cases.enumerated() {
                let id = try await heat.create("vm-t\(index)", tags: sent)
                #expect(try await heat.show("vm-t\(index)", id)["tags"] as? [String] == stored)
            }
            let none = try await heat.create("vm-none")
            #expect(try await heat.show("vm-none", none)["tags"] is NSNull)
            let long = String(repeating: "y", count: 81)
            let tooLong = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-l", "template": HeatSession.noneTemplate, "tags": long]
            )
            #expect(tooLong.status == 400)
            #expect(
                HeatSession.error(tooLong)["message"] as? String
                    == "Invalid tag, \"\(long)\" is longer than 80 characters"
            )
            let list = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-j", "template": HeatSession.noneTemplate, "tags": ["x", "y"]]
            )
            #expect(list.status == 400)
            #expect(HeatSession.error(list)["type"] as? String == "AttributeError")
            #expect(HeatSession.error(list)["message"] == nil)
        }

        @Test("lookup by name or id redirects to name/id; /outputs under a name is 404")
        func redirects() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-a1")
            let location = heat.heatURL + "/stacks/vm-a1/" + id
            for path in ["/stacks/vm-a1", "/stacks/\(id)"] {
                let reply = try await heat.send("GET", path)
                #expect(reply.status == 302)
                #expect(reply.header("Location") == location)
                #expect(reply.header("Content-Type")?.hasPrefix("text/html") == true)
            }
            let resources = try await heat.send("GET", "/stacks/vm-a1/resources")
            #expect(resources.status == 302)
            #expect(resources.header("Location") == location + "/resources")
            for method in ["PUT", "DELETE"] {
                #expect(try await heat.send(method, "/stacks/vm-a1").header("Location") == location)
            }
            let outputs = try await heat.send("GET", "/stacks/vm-a1/outputs")
            #expect(outputs.status == 404)
            #expect(HeatSession.error(outputs)["type"] as? String == "EntityNotFound")
            #expect(HeatSession.error(outputs)["message"] as? String == "The Stack (vm-a1) could not be found.")
            let missing = try await heat.send("GET", "/stacks/vm-nope")
            #expect(missing.status == 404)
            #expect(missing.json["title"] as? String == "Not Found")
            #expect(missing.json["explanation"] as? String == "The resource could not be found.")
            #expect(HeatSession.error(missing)["message"] as? String == "The Stack (vm-nope) could not be found.")
            let unknownID = try await heat.send("GET", "/stacks/vm-a1/00000000-0000-0000-0000-000000000000")
            #expect(unknownID.status == 404)
            #expect(HeatSession.error(unknownID)["message"] as? String == "The Stack (vm-a1) could not be found.")
        }

        @Test("show has NOTES' fields, string parameters with pseudo parameters, and output values")
        func show() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-a1",
                template: HeatSession.notesTemplate(),
                parameters: ["flavor": "m1.tiny"]
            )
            let stack = try await heat.wait("vm-a1", id)
            #expect(stack["stack_name"] as? String == "vm-a1")
            #expect(stack["id"] as? String == id)
            let created = try #require(stack["creation_time"] as? String)
            #expect(created.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#, options: .regularExpression) != nil)
            #expect(stack["updated_time"] is NSNull)
            #expect(stack["disable_rollback"] as? Bool == true)
            #expect(stack["timeout_mins"] is NSNull)
            #expect(stack["stack_owner"] as? String == "demo")
            let parameters = try #require(stack["parameters"] as? [String: String])
            #expect(parameters["flavor"] == "m1.tiny")
            #expect(parameters["delay"] == "0")
            #expect(parameters["OS::stack_id"] == id)
            #expect(parameters["OS::stack_name"] == "vm-a1")
            #expect(parameters["OS::project_id"] == heat.projectID)
            for key in [
                "description", "template_description", "capabilities", "notification_topics", "parent",
                "stack_user_project_id", "deletion_time", "links", "tags",
            ] {
                #expect(stack.keys.contains(key), "missing \(key)")
            }
            let outputs = try #require(stack["outputs"] as? [[String: Any]])
            let flavor = outputs.first { $0["output_key"] as? String == "flavor" }
            #expect(flavor?["output_value"] as? String == "m1.tiny")
            let password = outputs.first { $0["output_key"] as? String == "password" }
            #expect((password?["output_value"] as? String)?.count == 12)
            #expect(password?["description"] as? String == "random")
        }

        @Test("outputs list has no values; one output by key; an unknown key is 404 NotFound")
        func outputs() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-a1",
                template: HeatSession.notesTemplate(),
                parameters: ["flavor": "m1.tiny"]
            )
            try await heat.wait("vm-a1", id)
            let list =
                try await heat.send("GET", "/stacks/vm-a1/\(id)/outputs").json["outputs"] as? [[String: Any]] ?? []
            #expect(Set(list.compactMap { $0["output_key"] as? String }) == ["flavor", "password"])
            #expect(list.allSatisfy { $0["output_value"] == nil })
            #expect(
                list.first { $0["output_key"] as? String == "flavor" }?["description"] as? String
                    == "No description given"
            )
            let one = try await heat.send("GET", "/stacks/vm-a1/\(id)/outputs/flavor")
            #expect((one.json["output"] as? [String: Any])?["output_value"] as? String == "m1.tiny")
            let nope = try await heat.send("GET", "/stacks/vm-a1/\(id)/outputs/nope")
            #expect(nope.status == 404)
            #expect(HeatSession.error(nope)["type"] as? String == "NotFound")
            #expect(HeatSession.error(nope)["message"] as? String == "Specified output key {} not found.")
        }
    }
}
