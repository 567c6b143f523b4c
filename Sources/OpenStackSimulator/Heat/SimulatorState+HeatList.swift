import Foundation

/// `GET /stacks` and `/stacks/detail`: filters, sorting and marker pagination (NOTES §2).
extension SimulatorState {
    func listStacks(_ request: SimRequest, projectID: String, allProjects: Bool = false) -> SimResponse {
        let query = request.query
        var limit: Int?
        if let text = query["limit"] {
            guard let value = Int(text) else { return .heatBadRequest("Only integer is acceptable by 'limit'.") }
            guard value >= 0 else {
                return .heatBadRequest(
                    "Value '\(value)' is invalid for 'limit' which only accepts non-negative integer."
                )
            }
            limit = value
        }
        let direction = query["sort_dir"] ?? "desc"
        guard direction == "asc" || direction == "desc" else { return .heatBadRequest(nil, type: "ValueError") }
        if query["stack_status"] != nil, query["with_count"] == "true" {
            return .heatError(
                500,
                "Internal Server Error",
                explanation: "The server has either erred or is incapable of performing the requested operation.",
                type: "InvalidRequestError",
                message: nil
            )
        }
        let showDeleted = query["show_deleted"] == "true"
        let tags = Self.tagList(query["tags"])
        let anyTags = Self.tagList(query["tags_any"])
        let notTags = Self.tagList(query["not_tags"])
        let notAnyTags = Self.tagList(query["not_tags_any"])
        let name = query["stack_name"] ?? query["name"]
        let status = query["status"]
        let fullStatus = query["stack_status"]
        // One pass over indices, newest first: no copies of stacks, no per-stack allocations,
        // so a list stays cheap with tens of thousands of stacks.
        var matches: [Int] = []
        for index in heat.stacks.indices.reversed() {
            let stack = heat.stacks[index]
            guard allProjects || stack.projectID == projectID, showDeleted || !stack.isDeleted else { continue }
            let have = stack.tags ?? []
            if let tags, !tags.allSatisfy(have.contains) { continue }
            if let anyTags, !anyTags.contains(where: have.contains) { continue }
            if let notTags, !notTags.isEmpty, notTags.allSatisfy(have.contains) { continue }
            if let notAnyTags, notAnyTags.contains(where: have.contains) { continue }
            if let name, stack.name != name { continue }
            if let status, stack.status != status { continue }
            if let fullStatus, stack.fullStatus != fullStatus { continue }
            matches.append(index)
        }
        let key = query["sort_keys"]?.split(separator: ",").first.map(String.init) ?? "created_at"
        if key != "created_at" || direction == "asc" {
            matches.sort { lhs, rhs in
                let order = Self.compare(heat.stacks[lhs], heat.stacks[rhs], key: key)
                if order != .orderedSame {
                    return direction == "asc" ? order == .orderedAscending : order == .orderedDescending
                }
                return direction == "asc" ? lhs < rhs : lhs > rhs
            }
        }
        let count = matches.count
        if let marker = query["marker"], let position = matches.firstIndex(where: { heat.stacks[$0].id == marker }) {
            matches = Array(matches[(position + 1)...])
        }
        if let limit { matches = Array(matches.prefix(limit)) }
        let stacks = matches.map { (offset: $0, element: heat.stacks[$0]) }
        var body: [String: Any] = ["stacks": stacks.map { stackSummary($0.element) }]
        if let limit, limit > 0, stacks.count == limit, let last = stacks.last {
            var items: [URLQueryItem] = []
            for name in query.keys.sorted() where name != "marker" {
                items.append(URLQueryItem(name: name, value: query[name]))
            }
            items.append(URLQueryItem(name: "marker", value: last.element.id))
            var components = URLComponents(string: heatBase(projectID) + "/stacks")
            components?.queryItems = items
            body["links"] = [["rel": "next", "href": components?.string ?? ""]]
        }
        if query["with_count"] == "true" { body["count"] = count }
        return .json(200, body)
    }

    /// A comma-separated tag filter, nil when absent.
    private static func tagList(_ text: String?) -> [String]? { text.map { $0.components(separatedBy: ",") } }

    private static func compare(_ lhs: SimStack, _ rhs: SimStack, key: String) -> ComparisonResult {
        switch key {
        case "stack_name": return lhs.name.compare(rhs.name)
        case "stack_status": return lhs.fullStatus.compare(rhs.fullStatus)
        case "updated_at":
            return (lhs.updatedAt ?? .distantPast).compare(rhs.updatedAt ?? .distantPast)
        default: return lhs.createdAt.compare(rhs.createdAt)
        }
    }
}
