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
        var stacks = heat.stacks.enumerated().filter { allProjects || $0.element.projectID == projectID }
        stacks = stacks.filter { showDeleted || !$0.element.isDeleted }
        let tags = Self.tagList(query["tags"])
        let anyTags = Self.tagList(query["tags_any"])
        let notTags = Self.tagList(query["not_tags"])
        let notAnyTags = Self.tagList(query["not_tags_any"])
        stacks = stacks.filter { item in
            let have = Set(item.element.tags ?? [])
            if let tags, !tags.allSatisfy(have.contains) { return false }
            if let anyTags, !anyTags.contains(where: have.contains) { return false }
            if let notTags, !notTags.isEmpty, notTags.allSatisfy(have.contains) { return false }
            if let notAnyTags, notAnyTags.contains(where: have.contains) { return false }
            return true
        }
        if let name = query["stack_name"] ?? query["name"] { stacks = stacks.filter { $0.element.name == name } }
        if let status = query["status"] { stacks = stacks.filter { $0.element.status == status } }
        if let status = query["stack_status"] { stacks = stacks.filter { $0.element.fullStatus == status } }
        let key = query["sort_keys"]?.split(separator: ",").first.map(String.init) ?? "created_at"
        stacks.sort { lhs, rhs in
            let order = Self.compare(lhs.element, rhs.element, key: key)
            if order != .orderedSame {
                return direction == "asc" ? order == .orderedAscending : order == .orderedDescending
            }
            return direction == "asc" ? lhs.offset < rhs.offset : lhs.offset > rhs.offset
        }
        let count = stacks.count
        if let marker = query["marker"], let position = stacks.firstIndex(where: { $0.element.id == marker }) {
            stacks = Array(stacks[(position + 1)...])
        }
        if let limit { stacks = Array(stacks.prefix(limit)) }
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
