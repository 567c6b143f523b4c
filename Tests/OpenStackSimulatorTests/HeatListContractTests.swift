import Foundation
import OpenStackSimulator
import Testing

extension HeatTests {
    /// Stack list filters, sorting and pagination as recorded against real Heat (NOTES §2).
    @Suite struct HeatListContractTests {
        /// Five stacks created in order s0…s4 with tags.
        static func fiveStacks() async throws -> (HeatSession, [String]) {
            let heat = try await HeatSession.start()
            let tags = ["heatsync,a", "heatsync,b", "heatsync,a,b", "other", "heatsync,hs=sha256:0123,path=a/b/c"]
            var ids: [String] = []
            for (index, tag) in tags.enumerated() {
                ids.append(try await heat.create("s\(index)", tags: tag))
                try await Task.sleep(for: .milliseconds(5))
            }
            return (heat, ids)
        }

        @Test("tag filters: tags (all), tags_any, not_tags, not_tags_any, exact special characters")
        func tagFilters() async throws {
            let (heat, _) = try await Self.fiveStacks()
            defer { Task { await heat.cloud.stop() } }
            #expect(Set(try await heat.names("tags=heatsync,a")) == ["s0", "s2"])
            #expect(Set(try await heat.names("tags_any=a,b")) == ["s0", "s1", "s2"])
            #expect(Set(try await heat.names("not_tags=a,b")) == ["s0", "s1", "s3", "s4"])
            #expect(Set(try await heat.names("not_tags_any=a,b")) == ["s3", "s4"])
            #expect(try await heat.names("tags=hs%3Dsha256%3A0123") == ["s4"])
            #expect(try await heat.names("tags=path%3Da%2Fb%2Fc") == ["s4"])
            #expect(try await heat.names("tags=nomatch").isEmpty)
        }

        @Test("list items have the summary fields only; default order is newest first")
        func listShape() async throws {
            let (heat, _) = try await Self.fiveStacks()
            defer { Task { await heat.cloud.stop() } }
            let reply = try await heat.list()
            #expect(reply.status == 200)
            let stacks = reply.json["stacks"] as? [[String: Any]] ?? []
            #expect(stacks.compactMap { $0["stack_name"] as? String } == ["s4", "s3", "s2", "s1", "s0"])
            #expect(reply.json["links"] == nil)
            let first = try #require(stacks.first)
            for key in [
                "id", "links", "stack_name", "description", "stack_status", "stack_status_reason", "creation_time",
                "updated_time", "deletion_time", "stack_owner", "parent", "stack_user_project_id", "tags",
            ] {
                #expect(first.keys.contains(key), "missing \(key)")
            }
            #expect(first["outputs"] == nil)
            #expect(first["parameters"] == nil)
            #expect(first["tags"] as? [String] == ["heatsync", "hs=sha256:0123", "path=a/b/c"])
            let detail = try await heat.send("GET", "/stacks/detail")
            #expect((detail.json["stacks"] as? [[String: Any]])?.count == 5)
        }

        @Test("stack_name and name match exactly; status and stack_status filter")
        func nameAndStatus() async throws {
            let (heat, ids) = try await Self.fiveStacks()
            defer { Task { await heat.cloud.stop() } }
            #expect(try await heat.names("stack_name=s1") == ["s1"])
            #expect(try await heat.names("name=s2") == ["s2"])
            #expect(try await heat.names("stack_name=s").isEmpty)
            try await heat.wait("s4", ids[4])
            #expect(try await heat.names("status=COMPLETE").count == 5)
            #expect(try await heat.names("stack_status=CREATE_COMPLETE").count == 5)
            #expect(try await heat.names("stack_status=NOPE").isEmpty)
            #expect(try await heat.list("status=COMPLETE&with_count=true").json["count"] as? Int == 5)
        }

        @Test("limit and marker page through; next link only when the page is full; unknown marker is page one")
        func pagination() async throws {
            let (heat, ids) = try await Self.fiveStacks()
            defer { Task { await heat.cloud.stop() } }
            let page = try await heat.list("limit=3")
            #expect(
                (page.json["stacks"] as? [[String: Any]])?.compactMap { $0["stack_name"] as? String } == [
                    "s4", "s3", "s2",
                ]
            )
            let next = try #require((page.json["links"] as? [[String: Any]])?.first)
            #expect(next["rel"] as? String == "next")
            #expect((next["href"] as? String)?.contains("marker=\(ids[2])") == true)
            let second = try await heat.list("limit=3&marker=\(ids[2])")
            #expect(
                (second.json["stacks"] as? [[String: Any]])?.compactMap { $0["stack_name"] as? String } == ["s1", "s0"]
            )
            #expect(second.json["links"] == nil)
            #expect(try await heat.names("limit=2&marker=00000000-0000-0000-0000-000000000000") == ["s4", "s3"])
            #expect(try await heat.names("limit=2&marker=s3") == ["s4", "s3"])
            #expect(try await heat.names("limit=0").isEmpty)
            #expect(try await heat.list("with_count=true&limit=1").json["count"] as? Int == 5)
        }

        @Test("bad limit and sort_dir are 400 with Heat's bodies; bogus sort_keys are ignored")
        func badQueries() async throws {
            let (heat, _) = try await Self.fiveStacks()
            defer { Task { await heat.cloud.stop() } }
            let negative = try await heat.list("limit=-1")
            #expect(negative.status == 400)
            #expect(
                HeatSession.error(negative)["message"] as? String
                    == "Value '-1' is invalid for 'limit' which only accepts non-negative integer."
            )
            let text = try await heat.list("limit=abc")
            #expect(text.status == 400)
            #expect(HeatSession.error(text)["message"] as? String == "Only integer is acceptable by 'limit'.")
            let sideways = try await heat.list("sort_dir=sideways")
            #expect(sideways.status == 400)
            #expect(HeatSession.error(sideways)["type"] as? String == "ValueError")
            #expect(HeatSession.error(sideways)["message"] == nil)
            #expect(try await heat.names("sort_keys=bogus") == ["s4", "s3", "s2", "s1", "s0"])
            #expect(try await heat.names("sort_keys=stack_name&sort_dir=asc") == ["s0", "s1", "s2", "s3", "s4"])
            #expect(try await heat.names("sort_keys=stack_name&sort_dir=asc&limit=2&marker=") == ["s0", "s1"])
        }

        @Test("deleted stacks leave the list but show_deleted lists them with deletion_time")
        func showDeleted() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            let id = try await heat.create("vm-d", tags: "heatsync")
            try await heat.wait("vm-d", id)
            #expect(try await heat.send("DELETE", "/stacks/vm-d/\(id)").status == 204)
            try await heat.wait("vm-d", id)
            #expect(try await heat.names().isEmpty)
            let deleted = try await heat.list("show_deleted=true").json["stacks"] as? [[String: Any]] ?? []
            #expect(deleted.count == 1)
            #expect(deleted.first?["stack_status"] as? String == "DELETE_COMPLETE")
            #expect(deleted.first?["deletion_time"] is String)
            #expect(deleted.first?["tags"] as? [String] == ["heatsync"])
        }

        @Test("an admin-role token lists every project's stacks")
        func adminListsAllProjects() async throws {
            let heat = try await HeatSession.start()
            defer { Task { await heat.cloud.stop() } }
            try await heat.create("vm-demo")
            let auth = try await SimClient().send(
                "POST",
                heat.cloud.authURL + "/auth/tokens",
                json: KeystoneContractTests.password("admin", "sim-admin")
            )
            let token = try #require(auth.header("X-Subject-Token"))
            let project = (auth.json["token"] as? [String: Any])?["project"] as? [String: Any]
            let adminProject = try #require(project?["id"] as? String)
            let reply = try await heat.client.send(
                "GET",
                heat.cloud.baseURL + "/heat/v1/\(adminProject)/stacks",
                token: token,
                json: nil
            )
            #expect(
                (reply.json["stacks"] as? [[String: Any]])?.compactMap { $0["stack_name"] as? String } == ["vm-demo"]
            )
        }
    }
}
