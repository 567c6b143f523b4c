import Foundation
import OpenStackSimulator
import Testing

extension HeatTests {
    /// Rollback, timeouts, the app-credential 403 and list caching, as real Heat behaves
    /// (NOTES §0, §2; Heat's convergence engine: `check_resource.py`).
    @Suite struct HeatFidelityTests {
        static func fast(
            timeoutMinute: Duration = .seconds(60),
            appCredentialTrusts: Bool = true
        )
            -> SimulatorConfiguration
        {
            SimulatorConfiguration(
                createDuration: .milliseconds(150),
                updateDuration: .milliseconds(100),
                deleteDuration: .milliseconds(150),
                timeoutMinute: timeoutMinute,
                applicationCredentialTrusts: appCredentialTrusts
            )
        }

        static func events(_ heat: HeatSession, _ name: String, _ id: String) async throws -> [[String: Any]] {
            try await heat.send("GET", "/stacks/\(name)/\(id)/events?sort_dir=asc").json["events"] as? [[String: Any]]
                ?? []
        }

        @Test(
            "disable_rollback: false — a failing create is CREATE_FAILED, then ROLLBACK_IN_PROGRESS → ROLLBACK_COMPLETE"
        )
        func rollback() async throws {
            let heat = try await HeatSession.start(Self.fast())
            defer { Task { await heat.cloud.stop() } }
            let reply = try await heat.send(
                "POST",
                "/stacks",
                json: [
                    "stack_name": "vm-rb", "template": HeatSession.notesTemplate(fail: true), "disable_rollback": false,
                ]
            )
            #expect(reply.status == 201)
            let id = try #require((reply.json["stack"] as? [String: Any])?["id"] as? String)
            var stack = try await heat.wait("vm-rb", id)
            #expect(stack["disable_rollback"] as? Bool == false)
            stack = try await heat.wait("vm-rb", id)
            #expect(stack["stack_status"] as? String == "ROLLBACK_COMPLETE")
            #expect(stack["stack_status_reason"] as? String == "Stack ROLLBACK completed successfully")
            let stackEvents = try await Self.events(heat, "vm-rb", id).filter {
                $0["resource_name"] as? String == "vm-rb"
            }
            #expect(
                stackEvents.compactMap { $0["resource_status"] as? String } == [
                    "CREATE_IN_PROGRESS", "CREATE_FAILED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE",
                ]
            )
            #expect(
                (stackEvents[1]["resource_status_reason"] as? String)?.hasPrefix("Resource CREATE failed: ") == true
            )
            let resources = try await heat.send("GET", "/stacks/vm-rb/\(id)/resources").json["resources"] as? [Any]
            #expect(resources?.isEmpty == true)
        }

        @Test("disable_rollback: false on an update — a failing update rolls back to the previous template")
        func updateRollback() async throws {
            let heat = try await HeatSession.start(Self.fast())
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create(
                "vm-u",
                template: HeatSession.notesTemplate(),
                parameters: ["flavor": "m1.a"]
            )
            let created = try await heat.wait("vm-u", id)
            let update: [String: Any] = [
                "template": HeatSession.notesTemplate(fail: true), "parameters": ["flavor": "m1.b"],
                "disable_rollback": false,
            ]
            #expect(try await heat.send("PUT", "/stacks/vm-u/\(id)", json: update).status == 202)
            let stack = try await heat.wait("vm-u", id)
            #expect(stack["stack_status"] as? String == "ROLLBACK_COMPLETE")
            let template = try await heat.send("GET", "/stacks/vm-u/\(id)/template").json
            let test = (template["resources"] as? [String: Any])?["test"] as? [String: Any]
            #expect((test?["properties"] as? [String: Any])?["fail"] as? Bool == false)
            #expect((stack["parameters"] as? [String: Any])?["flavor"] as? String == "m1.a")
            let outputs = { (stack: [String: Any]) in
                (stack["outputs"] as? [[String: Any]] ?? []).compactMap { $0["output_value"] as? String }.sorted()
            }
            #expect(outputs(stack) == outputs(created), "the previous resources are back")
            let statuses = try await Self.events(heat, "vm-u", id).filter { $0["resource_name"] as? String == "vm-u" }
                .compactMap { $0["resource_status"] as? String }
            #expect(
                statuses.suffix(4) == [
                    "UPDATE_IN_PROGRESS", "UPDATE_FAILED", "ROLLBACK_IN_PROGRESS", "ROLLBACK_COMPLETE",
                ]
            )
        }

        @Test("by default (disable_rollback true) a failing create stays CREATE_FAILED")
        func noRollbackByDefault() async throws {
            let heat = try await HeatSession.start(Self.fast())
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-f", template: HeatSession.notesTemplate(fail: true))
            let stack = try await heat.wait("vm-f", id)
            #expect(stack["stack_status"] as? String == "CREATE_FAILED")
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await heat.show("vm-f", id)["stack_status"] as? String == "CREATE_FAILED")
        }

        @Test(
            "timeout_mins: a create still running at its deadline is CREATE_FAILED 'Timed out' (stuck or slow)",
            arguments: [true, false]
        )
        func timeout(stuck: Bool) async throws {
            // One "minute" of timeout_mins lasts 400 ms here.
            let heat = try await HeatSession.start(Self.fast(timeoutMinute: .milliseconds(400)))
            defer { Task { await heat.cloud.stop() } }
            if stuck { await heat.cloud.inject(.nextStackCreateStuck) }
            let template = HeatSession.notesTemplate()
            let reply = try await heat.send(
                "POST",
                "/stacks",
                json: [
                    "stack_name": "vm-t", "template": template, "timeout_mins": 1,
                    "parameters": ["delay": stuck ? 0 : 30],
                ]
            )
            let id = try #require((reply.json["stack"] as? [String: Any])?["id"] as? String)
            #expect(try await heat.show("vm-t", id)["stack_status"] as? String == "CREATE_IN_PROGRESS")
            let stack = try await heat.wait("vm-t", id, seconds: 5)
            #expect(stack["stack_status"] as? String == "CREATE_FAILED")
            #expect(stack["stack_status_reason"] as? String == "Timed out")
            #expect(stack["timeout_mins"] as? Int == 1)
        }

        @Test("a timed-out create rolls back when rollback is enabled")
        func timeoutThenRollback() async throws {
            let heat = try await HeatSession.start(Self.fast(timeoutMinute: .milliseconds(300)))
            defer { Task { await heat.cloud.stop() } }
            await heat.cloud.inject(.nextStackCreateStuck)
            let reply = try await heat.send(
                "POST",
                "/stacks",
                json: [
                    "stack_name": "vm-tr", "template": HeatSession.noneTemplate, "timeout_mins": 1,
                    "disable_rollback": false,
                ]
            )
            let id = try #require((reply.json["stack"] as? [String: Any])?["id"] as? String)
            let stack = try await heat.wait("vm-tr", id, seconds: 5)
            #expect(stack["stack_status"] as? String == "ROLLBACK_COMPLETE")
            let reasons = try await Self.events(heat, "vm-tr", id).compactMap {
                $0["resource_status_reason"] as? String
            }
            #expect(reasons.contains("Timed out"))
        }

        @Test("with trusts forbidden for application credentials, create answers Heat's bare 403; passwords work")
        func applicationCredentialForbidden() async throws {
            let heat = try await HeatSession.start(Self.fast(appCredentialTrusts: false))
            defer { Task { await heat.cloud.stop() } }
            let auth: [String: Any] = [
                "auth": [
                    "identity": [
                        "methods": ["application_credential"],
                        "application_credential": [
                            "id": "5e1f0c7a2b9d4e8f8a6b3c2d1e0f9a8b", "secret": "sim-appcred-secret",
                        ],
                    ]
                ]
            ]
            let issued = try await SimClient().send("POST", heat.cloud.authURL + "/auth/tokens", json: auth)
            let token = try #require(issued.header("X-Subject-Token"))
            let body: [String: Any] = ["stack_name": "vm-ac", "template": HeatSession.noneTemplate]
            let refused = try await heat.client.send("POST", heat.heatURL + "/stacks", token: token, json: body)
            #expect(refused.status == 403)
            #expect(refused.json["title"] as? String == "Forbidden")
            #expect(refused.json["explanation"] as? String == "Access was denied to this resource.")
            let error = HeatSession.error(refused)
            #expect(error["type"] as? String == "Forbidden")
            #expect(error["message"] == nil)
            #expect(error.keys.contains("traceback"))
            // Reads work with the same token; creates work with a password token.
            #expect(try await heat.client.send("GET", heat.heatURL + "/stacks", token: token, json: nil).status == 200)
            try await heat.create("vm-pw")
        }

        @Test("list items are cached, yet show every change: status, tags (PATCH), deletion")
        func listCacheInvalidation() async throws {
            let heat = try await HeatSession.start(Self.fast())
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-l", tags: "a")
            func item() async throws -> [String: Any]? {
                (try await heat.list("show_deleted=true").json["stacks"] as? [[String: Any]])?.first
            }
            #expect(try await item()?["stack_status"] as? String == "CREATE_IN_PROGRESS")
            try await heat.wait("vm-l", id)
            #expect(try await item()?["stack_status"] as? String == "CREATE_COMPLETE")
            #expect(try await heat.send("PATCH", "/stacks/vm-l/\(id)", json: ["tags": "a,b"]).status == 202)
            #expect(try await item()?["tags"] as? [String] == ["a", "b"])
            #expect(try await item()?["stack_status"] as? String == "UPDATE_IN_PROGRESS")
            try await heat.wait("vm-l", id)
            #expect(try await heat.show("vm-l", id)["parameters"] != nil)
            #expect(try await heat.send("DELETE", "/stacks/vm-l/\(id)").status == 204)
            try await heat.wait("vm-l", id)
            let deleted = try await item()
            #expect(deleted?["stack_status"] as? String == "DELETE_COMPLETE")
            #expect(deleted?["deletion_time"] is String)
            #expect(try await heat.names().isEmpty)
        }

        @Test("tag filters follow tag changes: PATCH moves a stack between tags, PUT without tags clears them")
        func tagIndex() async throws {
            let heat = try await HeatSession.start(Self.fast())
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-x", tags: "a,keep")
            try await heat.create("vm-y", tags: "b")
            try await heat.wait("vm-x", id)
            #expect(try await heat.names("tags=b") == ["vm-y"])
            #expect(try await heat.send("PATCH", "/stacks/vm-x/\(id)", json: ["tags": "b,keep"]).status == 202)
            #expect(try await heat.names("tags=b") == ["vm-y", "vm-x"], "newest first")
            #expect(try await heat.names("tags=a").isEmpty)
            #expect(try await heat.names("tags=b,keep&limit=1") == ["vm-x"])
            try await heat.wait("vm-x", id)
            let put = try await heat.send("PUT", "/stacks/vm-x/\(id)", json: ["template": HeatSession.noneTemplate])
            #expect(put.status == 202)
            #expect(try await heat.names("tags=b") == ["vm-y"])
            #expect(try await heat.names("tags=keep").isEmpty)
        }

        @Test("pages with a marker walk newest first and oldest first without gaps or repeats")
        func markerPaging() async throws {
            let heat = try await HeatSession.start(Self.fast())
            defer { Task { await heat.cloud.stop() } }
            for index in 0..<7 { try await heat.create("vm-\(index)", tags: index == 3 ? "other" : "mine") }
            for direction in ["desc", "asc"] {
                var seen: [String] = []
                var marker: String?
                while true {
                    let query = "tags=mine&limit=2&sort_dir=\(direction)" + (marker.map { "&marker=\($0)" } ?? "")
                    let page = try await heat.list(query).json["stacks"] as? [[String: Any]] ?? []
                    seen += page.compactMap { $0["stack_name"] as? String }
                    guard page.count == 2, let last = page.last?["id"] as? String else { break }
                    marker = last
                }
                let expected = ["vm-0", "vm-1", "vm-2", "vm-4", "vm-5", "vm-6"]
                #expect(seen == (direction == "asc" ? expected : expected.reversed()))
            }
        }
    }
}
