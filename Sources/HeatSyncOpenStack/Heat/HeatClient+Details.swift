import Foundation

/// Paged listing as sequences, and what a stack holds: events, resources, outputs; and the
/// tag-only update used to adopt a stack.
extension HeatClient {
    /// Pages of the live stacks carrying all of `tags`, fetched as they are consumed.
    public func stackPages(tags: [String], pageSize: Int = 100) -> HeatStackPages {
        HeatStackPages(client: self, tags: tags, pageSize: pageSize)
    }

    /// The live stacks carrying all of `tags`, one at a time, a page fetched when needed.
    public func stacks(tags: [String], pageSize: Int = 100) -> HeatStackSequence {
        HeatStackSequence(pages: stackPages(tags: tags, pageSize: pageSize))
    }

    /// The stack's events, newest first (Heat's default), at most `limit` when given.
    public func events(name: String, id: String, limit: Int? = nil) async throws -> [HeatEvent] {
        var path = "/stacks/\(Self.escape(name))/\(id)/events"
        if let limit { path += Self.queryString([("limit", String(limit))]) }
        let body = try Self.object(try await get(path))
        return (body["events"] as? [[String: Any]] ?? []).compactMap(HeatEvent.init(json:))
    }

    /// The stack's resources.
    public func resources(name: String, id: String) async throws -> [HeatResource] {
        let body = try Self.object(try await get("/stacks/\(Self.escape(name))/\(id)/resources"))
        return (body["resources"] as? [[String: Any]] ?? []).compactMap(HeatResource.init(json:))
    }

    /// The stack's outputs with their values, sorted by key. Read from the stack show — one
    /// request — because Heat's `/outputs` list carries no values (NOTES §2).
    public func outputs(name: String, id: String) async throws -> [HeatOutput] {
        let body = try Self.object(try await get("/stacks/\(Self.escape(name))/\(id)"))
        let stack = body["stack"] as? [String: Any] ?? [:]
        return (stack["outputs"] as? [[String: Any]] ?? []).compactMap(HeatOutput.init(json:)).sorted {
            $0.key < $1.key
        }
    }

    /// One output with its value (`…/outputs/{key}`), or nil when the stack has no such output.
    public func output(name: String, id: String, key: String) async throws -> HeatOutput? {
        let path = "/stacks/\(Self.escape(name))/\(id)/outputs/\(Self.escape(key))"
        let response = try await session.send(service: "orchestration", method: "GET", path: path, retry: readRetry)
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw error(response, "GET", path) }
        return (try Self.object(response)["output"] as? [String: Any]).flatMap(HeatOutput.init(json:))
    }

    /// Sets a stack's full tag list and nothing else, for adopting it: a PATCH carrying only
    /// `tags`, which real Heat accepts and which keeps the stored template and parameters
    /// (NOTES §2; a PUT would need the template and clear what it does not resend). The stack
    /// goes through UPDATE_IN_PROGRESS → UPDATE_COMPLETE.
    public func updateTags(name: String, id: String, tags: [String]) async throws {
        let path = "/stacks/\(Self.escape(name))/\(id)"
        let response = try await write("PATCH", path, ["tags": try Self.tagString(tags)])
        guard response.status == 202 || response.status == 200 else { throw error(response, "PATCH", path) }
    }
}
