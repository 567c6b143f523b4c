import Foundation

/// Typed access to Heat (orchestration) through a ``KeystoneSession``, following what real
/// Heat does (shared/devcloud/NOTES.md): one comma-separated tag string, name lookups that
/// answer 302, `DELETE_COMPLETE` stacks that stay readable, markers that are ignored when
/// unknown.
public struct HeatClient: Sendable {
    public let session: KeystoneSession
    /// Retries for reads; writes are never retried blindly.
    public var readRetry: RetryPolicy

    public init(session: KeystoneSession, readRetry: RetryPolicy = RetryPolicy()) {
        self.session = session
        self.readRetry = readRetry
    }

    /// Every live stack carrying all of `tags`, walking pages of `pageSize`: the request count
    /// grows with pages, not stacks. Stops on a short page or a missing `next` link, never on
    /// an error (Heat ignores an unknown marker and would loop).
    public func listStacks(tags: [String], pageSize: Int = 100) async throws -> [HeatStack] {
        var stacks: [HeatStack] = []
        for try await page in stackPages(tags: tags, pageSize: pageSize) { stacks += page }
        return stacks
    }

    /// The live stack named `name`, with outputs and parameters, or nil when there is none
    /// (404, or only a `DELETE_COMPLETE` stack of that name).
    public func findStack(name: String) async throws -> HeatStack? {
        let lookup = try await session.send(
            service: "orchestration",
            method: "GET",
            path: "/stacks/\(Self.escape(name))",
            retry: readRetry
        )
        switch lookup.status {
        case 404: return nil
        case 302, 301, 303, 307:
            guard let location = lookup.header("location") else {
                throw error(lookup, "GET", "/stacks/\(name)", "Heat redirected without a Location")
            }
            let shown = try await get(location)
            guard let stack = (try Self.object(shown)["stack"] as? [String: Any]).flatMap(HeatStack.init(json:)) else {
                throw error(shown, "GET", location, "Heat's stack body is unreadable")
            }
            return stack.isDeleted ? nil : stack
        case 200:
            let stack = (try Self.object(lookup)["stack"] as? [String: Any]).flatMap(HeatStack.init(json:))
            return stack?.isDeleted == true ? nil : stack
        default:
            throw error(lookup, "GET", "/stacks/\(name)")
        }
    }

    /// The stack `name`/`id` with outputs and parameters in one request (no name redirect),
    /// or nil when it is gone (404 or `DELETE_COMPLETE`).
    public func stack(name: String, id: String) async throws -> HeatStack? {
        let path = "/stacks/\(Self.escape(name))/\(id)"
        let response = try await session.send(service: "orchestration", method: "GET", path: path, retry: readRetry)
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw error(response, "GET", path) }
        guard let stack = (try Self.object(response)["stack"] as? [String: Any]).flatMap(HeatStack.init(json:)) else {
            throw error(response, "GET", path, "Heat's stack body is unreadable")
        }
        return stack.isDeleted ? nil : stack
    }

    /// Creates a stack with its tags in the create request itself, so it never exists untagged.
    /// Returns the stack id. A 409 (the name exists) is thrown as a conflict for the caller to adopt.
    public func createStack(
        name: String,
        templateJSON: String,
        parameters: [String: String],
        tags: [String],
        timeoutMinutes: Int? = nil
    ) async throws -> String {
        var body: [String: Any] = [
            "stack_name": name,
            "template": try Self.parse(templateJSON),
            "parameters": parameters,
            "tags": try Self.tagString(tags),
        ]
        if let timeoutMinutes { body["timeout_mins"] = timeoutMinutes }
        let response = try await write("POST", "/stacks", body)
        guard response.status == 201 else {
            if response.status == 403 {
                throw error(
                    response,
                    "POST",
                    "/stacks",
                    "Heat refused to create the stack (403). With an application credential this usually means Keystone "
                        + "forbids trusts for it: use an unrestricted application credential, or ask the cloud operator "
                        + "to allow it ([security_compliance] allow_insecure_application_credential_trust_escalation)"
                )
            }
            throw error(response, "POST", "/stacks")
        }
        guard let id = (try Self.object(response)["stack"] as? [String: Any])?["id"] as? String else {
            throw error(response, "POST", "/stacks", "Heat's create response has no stack id")
        }
        return id
    }

    /// Updates a stack. PATCH keeps what is not sent; PUT replaces everything. The full tag
    /// list is always sent, because a PUT without tags clears them.
    public func updateStack(
        name: String,
        id: String,
        templateJSON: String?,
        parameters: [String: String],
        tags: [String],
        patch: Bool = true
    ) async throws {
        var body: [String: Any] = ["parameters": parameters, "tags": try Self.tagString(tags)]
        if let templateJSON { body["template"] = try Self.parse(templateJSON) }
        let path = "/stacks/\(Self.escape(name))/\(id)"
        let response = try await write(patch ? "PATCH" : "PUT", path, body)
        guard response.status == 202 || response.status == 200 else {
            throw error(response, patch ? "PATCH" : "PUT", path)
        }
    }

    /// Asks Heat what an update would do, without doing it.
    public func previewUpdate(
        name: String,
        id: String,
        templateJSON: String,
        parameters: [String: String]
    ) async throws -> UpdatePreview {
        let path = "/stacks/\(Self.escape(name))/\(id)/preview"
        let body: [String: Any] = ["template": try Self.parse(templateJSON), "parameters": parameters]
        let response = try await write("PUT", path, body)
        guard response.status == 200 else { throw error(response, "PUT", path) }
        let changes = try Self.object(response)["resource_changes"] as? [String: Any] ?? [:]
        func names(_ key: String) -> [String] {
            (changes[key] as? [[String: Any]] ?? []).compactMap { $0["resource_name"] as? String }.sorted()
        }
        let replacedServers = (changes["replaced"] as? [[String: Any]] ?? []).filter {
            $0["resource_type"] as? String == "OS::Nova::Server"
        }.compactMap { $0["resource_name"] as? String }.sorted()
        return UpdatePreview(
            unchanged: names("unchanged"),
            updated: names("updated"),
            replaced: names("replaced"),
            added: names("added"),
            deleted: names("deleted"),
            replacedServers: replacedServers
        )
    }

    /// Deletes a stack; one that is already gone counts as deleted.
    public func deleteStack(name: String, id: String) async throws {
        let path = "/stacks/\(Self.escape(name))/\(id)"
        let response = try await session.send(service: "orchestration", method: "DELETE", path: path)
        guard response.status == 204 || response.status == 200 || response.status == 404 else {
            throw error(response, "DELETE", path)
        }
    }

    // MARK: - Plumbing

    func get(_ path: String) async throws -> HTTPResponse {
        let response = try await session.send(service: "orchestration", method: "GET", path: path, retry: readRetry)
        guard response.status == 200 else { throw error(response, "GET", path) }
        return response
    }

    func write(_ method: String, _ path: String, _ body: [String: Any]) async throws -> HTTPResponse {
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        return try await session.send(service: "orchestration", method: method, path: path, body: Array(data))
    }

    func error(
        _ response: HTTPResponse,
        _ method: String,
        _ path: String,
        _ message: String? = nil
    )
        -> OpenStackError
    {
        ServiceResponse.error(response, service: "Heat", method: method, path: path, message: message)
    }

    static func object(_ response: HTTPResponse) throws -> [String: Any] {
        try ServiceResponse.object(response, service: "Heat")
    }

    static func parse(_ json: String) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            throw OpenStackError.configuration("the template is not valid JSON: \(error.localizedDescription)")
        }
    }

    /// Heat takes tags as one comma-separated string, each at most 80 characters.
    static func tagString(_ tags: [String]) throws -> String {
        for tag in tags where tag.contains(",") || tag.count > 80 {
            throw OpenStackError.configuration("stack tag '\(tag)' has a comma or is longer than 80 characters")
        }
        return tags.joined(separator: ",")
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(
            withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        )
            ?? segment
    }

    static func queryString(_ items: [(String, String)]) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+,")
        return "?"
            + items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }
            .joined(separator: "&")
    }
}
