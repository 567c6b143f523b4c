import Foundation
import OpenStackSimulator
import Testing

extension HeatTests {
    /// Stack lifecycles, updates, actions and events as recorded against real Heat (NOTES §0, §2).
    @Suite struct HeatLifecycleContractTests {
        @Test("delete: 204, DELETE_COMPLETE stays readable by name/id, name lookup 404s, second delete 404s")
        func delete() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-d")
            try await heat.wait("vm-d", id)
            let reply = try await heat.send("DELETE", "/stacks/vm-d/\(id)")
            #expect(reply.status == 204)
            let gone = try await heat.wait("vm-d", id)
            #expect(gone["stack_status"] as? String == "DELETE_COMPLETE")
            #expect(try await heat.send("GET", "/stacks/vm-d/\(id)").status == 200)
            let deadline = Date().addingTimeInterval(5)
            var byName = try await heat.send("GET", "/stacks/vm-d")
            while byName.status == 302, Date() < deadline {
                try await Task.sleep(for: .milliseconds(50))
                byName = try await heat.send("GET", "/stacks/vm-d")
            }
            #expect(byName.status == 404)
            let again = try await heat.send("DELETE", "/stacks/vm-d/\(id)")
            #expect(again.status == 404)
            #expect(HeatSession.error(again)["type"] as? String == "EntityNotFound")
        }

        @Test("delete while CREATE_IN_PROGRESS cancels the create and completes")
        func deleteWhileCreating() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-c", template: HeatSession.notesTemplate(), parameters: ["delay": 1])
            #expect(try await heat.show("vm-c", id)["stack_status"] as? String == "CREATE_IN_PROGRESS")
            #expect(try await heat.send("DELETE", "/stacks/vm-c/\(id)").status == 204)
            #expect(try await heat.wait("vm-c", id)["stack_status"] as? String == "DELETE_COMPLETE")
            let events =
                try await heat.send("GET", "/stacks/vm-c/\(id)/events").json["events"] as? [[String: Any]] ?? []
            #expect(events.contains { $0["resource_status_reason"] as? String == "Stack CREATE cancelled" })
            #expect(events.first?["resource_status"] as? String == "DELETE_COMPLETE")
        }

        @Test("PUT replaces parameters and clears unsent tags; PATCH merges and keeps tags; both 202 text/html")
        func putAndPatch() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let template = HeatSession.notesTemplate()
            let id = try await heat.create(
                "vm-u",
                template: template,
                parameters: ["flavor": "big"],
                tags: "heatsync,x"
            )
            try await heat.wait("vm-u", id)
            let patch = try await heat.send("PATCH", "/stacks/vm-u/\(id)", json: ["parameters": ["delay": 0]])
            #expect(patch.status == 202)
            #expect(patch.header("Content-Type")?.hasPrefix("text/html") == true)
            var stack = try await heat.wait("vm-u", id)
            #expect(stack["stack_status"] as? String == "UPDATE_COMPLETE")
            #expect(stack["updated_time"] is String)
            #expect(stack["tags"] as? [String] == ["heatsync", "x"])
            #expect((stack["parameters"] as? [String: String])?["flavor"] == "big")
            let put = try await heat.send("PUT", "/stacks/vm-u/\(id)", json: ["template": template])
            #expect(put.status == 202)
            stack = try await heat.wait("vm-u", id)
            #expect(stack["stack_status"] as? String == "UPDATE_COMPLETE")
            #expect(stack["tags"] as? [String] == [])
            #expect((stack["parameters"] as? [String: String])?["flavor"] == "small")
            let tagsOnly = try await heat.send("PATCH", "/stacks/vm-u/\(id)", json: ["tags": "heatsync,y"])
            #expect(tagsOnly.status == 202)
            #expect(try await heat.wait("vm-u", id)["tags"] as? [String] == ["heatsync", "y"])
            let empty = try await heat.send("PUT", "/stacks/vm-u/\(id)", json: [String: Any]())
            #expect(empty.status == 400)
            #expect(HeatSession.error(empty)["type"] as? String == "HTTPBadRequest")
            #expect(HeatSession.error(empty)["message"] as? String == "No template specified")
        }

        @Test("a failing TestResource gives CREATE_FAILED with Heat's reason; an update recovers")
        func failedCreateAndRecovery() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-f", template: HeatSession.notesTemplate(fail: true))
            let failed = try await heat.wait("vm-f", id)
            #expect(failed["stack_status"] as? String == "CREATE_FAILED")
            #expect(
                failed["stack_status_reason"] as? String
                    == "Resource CREATE failed: ValueError: resources.test: Test Resource failed test"
            )
            let resources =
                try await heat.send("GET", "/stacks/vm-f/\(id)/resources").json["resources"] as? [[String: Any]]
            let test = resources?.first { $0["resource_name"] as? String == "test" }
            #expect(test?["resource_status"] as? String == "CREATE_FAILED")
            #expect(
                test?["resource_status_reason"] as? String == "ValueError: resources.test: Test Resource failed test"
            )
            _ = try await heat.send(
                "PUT",
                "/stacks/vm-f/\(id)",
                json: ["template": HeatSession.notesTemplate(fail: true)]
            )
            let updateFailed = try await heat.wait("vm-f", id)
            #expect(updateFailed["stack_status"] as? String == "UPDATE_FAILED")
            #expect(
                (updateFailed["stack_status_reason"] as? String)?.hasPrefix("Resource UPDATE failed: ValueError: ")
                    == true
            )
            let recover = try await heat.send(
                "PUT",
                "/stacks/vm-f/\(id)",
                json: ["template": HeatSession.notesTemplate()]
            )
            #expect(recover.status == 202)
            #expect(try await heat.wait("vm-f", id)["stack_status"] as? String == "UPDATE_COMPLETE")
        }

        @Test("PATCH while CREATE_IN_PROGRESS is accepted and ends UPDATE_COMPLETE")
        func patchWhileCreating() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-p", template: HeatSession.notesTemplate(), parameters: ["delay": 1])
            let patch = try await heat.send("PATCH", "/stacks/vm-p/\(id)", json: ["parameters": ["flavor": "patched"]])
            #expect(patch.status == 202)
            let stack = try await heat.wait("vm-p", id)
            #expect(stack["stack_status"] as? String == "UPDATE_COMPLETE")
            #expect(
                (stack["outputs"] as? [[String: Any]])?.contains { $0["output_value"] as? String == "patched" } == true
            )
        }

        @Test("check, suspend and resume answer 200 null and complete; cancel_update on a idle stack is 400")
        func actions() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-x")
            try await heat.wait("vm-x", id)
            for action in ["check", "suspend", "resume"] {
                let reply = try await heat.send("POST", "/stacks/vm-x/\(id)/actions", json: [action: NSNull()])
                #expect(reply.status == 200)
                #expect(String(decoding: reply.body, as: UTF8.self) == "null")
                #expect(try await heat.wait("vm-x", id)["stack_status"] as? String == action.uppercased() + "_COMPLETE")
            }
            let cancel = try await heat.send("POST", "/stacks/vm-x/\(id)/actions", json: ["cancel_update": NSNull()])
            #expect(cancel.status == 400)
            #expect(HeatSession.error(cancel)["type"] as? String == "NotSupported")
            #expect(
                HeatSession.error(cancel)["message"] as? String
                    == "Cancelling update when stack is RESUME_COMPLETE is not supported."
            )
        }

        @Test("events: newest first, 8 for a 3-resource create, stack events named after the stack; limit and sort_dir")
        func events() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-e", template: HeatSession.notesTemplate())
            try await heat.wait("vm-e", id)
            let events =
                try await heat.send("GET", "/stacks/vm-e/\(id)/events").json["events"] as? [[String: Any]] ?? []
            #expect(events.count == 8)
            #expect(events.first?["resource_name"] as? String == "vm-e")
            #expect(events.first?["resource_status"] as? String == "CREATE_COMPLETE")
            #expect(events.last?["resource_status"] as? String == "CREATE_IN_PROGRESS")
            let ascending = try await heat.send("GET", "/stacks/vm-e/\(id)/events?sort_dir=asc&limit=2")
            let first = ascending.json["events"] as? [[String: Any]] ?? []
            #expect(first.count == 2)
            #expect(first.first?["resource_name"] as? String == "vm-e")
            #expect(first.first?["resource_status"] as? String == "CREATE_IN_PROGRESS")
            let marker = try #require(first.last?["id"] as? String)
            let next = try await heat.send("GET", "/stacks/vm-e/\(id)/events?sort_dir=asc&marker=\(marker)")
            #expect((next.json["events"] as? [[String: Any]])?.count == 6)
        }

        @Test("resources, template and validate have Heat's shapes")
        func resourcesTemplateValidate() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let template = HeatSession.notesTemplate()
            let id = try await heat.create("vm-r", template: template, parameters: ["flavor": "m1.tiny"])
            try await heat.wait("vm-r", id)
            let resources =
                try await heat.send("GET", "/stacks/vm-r/\(id)/resources").json["resources"] as? [[String: Any]]
            #expect(Set(resources?.compactMap { $0["resource_name"] as? String } ?? []) == ["none", "rand", "test"])
            let test = resources?.first { $0["resource_name"] as? String == "test" }
            #expect(test?["resource_type"] as? String == "OS::Heat::TestResource")
            #expect(test?["resource_status"] as? String == "CREATE_COMPLETE")
            #expect(test?["resource_status_reason"] as? String == "state changed")
            let one = try await heat.send("GET", "/stacks/vm-r/\(id)/resources/test").json["resource"] as? [String: Any]
            #expect((one?["attributes"] as? [String: Any])?["output"] as? String == "m1.tiny")
            let stored = try await heat.send("GET", "/stacks/vm-r/\(id)/template").json
            #expect(stored["heat_template_version"] as? String == "2018-08-31")
            let validate = try await heat.send("POST", "/validate", json: ["template": template])
            #expect(validate.status == 200)
            let flavor = (validate.json["Parameters"] as? [String: Any])?["flavor"] as? [String: Any]
            #expect(flavor?["Type"] as? String == "String")
            #expect(flavor?["Default"] as? String == "small")
            #expect(flavor?["NoEcho"] as? String == "false")
            #expect(flavor?["Label"] as? String == "flavor")
            #expect(flavor?["Description"] as? String == "")
        }

        @Test("a token for another project is 403 HTTPForbidden")
        func otherProject() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let reply = try await heat.client.send(
                "GET",
                heat.cloud.baseURL + "/heat/v1/other/stacks",
                token: heat.token,
                json: nil
            )
            #expect(reply.status == 403)
            #expect(reply.json["explanation"] as? String == "Access was denied to this resource.")
            #expect(HeatSession.error(reply)["type"] as? String == "HTTPForbidden")
            #expect(HeatSession.error(reply)["message"] as? String == "Access was denied to this resource.")
        }

        @Test("create preview answers 200 with id \"None\" and the resources, creating nothing")
        func createPreview() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let reply = try await heat.send(
                "POST",
                "/stacks/preview",
                json: ["stack_name": "vm-pre", "template": HeatSession.notesTemplate()]
            )
            #expect(reply.status == 200)
            let stack = reply.json["stack"] as? [String: Any]
            #expect(stack?["id"] as? String == "None")
            #expect((stack?["resources"] as? [Any])?.count == 3)
            #expect(try await heat.names().isEmpty)
        }

        @Test("abandon and adopt are off by default: 400 with Heat's messages")
        func abandonAndAdopt() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-ab")
            let abandon = try await heat.send("DELETE", "/stacks/vm-ab/\(id)/abandon")
            #expect(abandon.status == 400)
            #expect(HeatSession.error(abandon)["type"] as? String == "NotSupported")
            #expect(HeatSession.error(abandon)["message"] as? String == "Stack Abandon is not supported.")
            let adopt = try await heat.send(
                "POST",
                "/stacks",
                json: ["stack_name": "vm-adopt", "template": HeatSession.noneTemplate, "adopt_stack_data": "{}"]
            )
            #expect(adopt.status == 400)
            #expect(HeatSession.error(adopt)["type"] as? String == "HTTPBadRequest")
            #expect(HeatSession.error(adopt)["message"] as? String == "Invalid adopt data: 'template'")
        }
    }
}
