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
        let filter = StackListFilter(query: query, projectID: projectID, allProjects: allProjects)
        let key = query["sort_keys"]?.split(separator: ",").first.map(String.init) ?? "created_at"
        let withCount = query["with_count"] == "true"
        var matches: [Int] = []
        var count = 0
        if !["stack_name", "stack_status", "updated_at"].contains(key), !withCount {
            // Creation order is index order: walk from the marker and stop once the page is
            // full, so a page costs its own items, not every stack of the cloud.
            matches = stablePage(filter, ascending: direction == "asc", marker: query["marker"], limit: limit)
        } else {
            let stacks = heat.stacks
            for index in (heat.candidates(tags: filter.tags) ?? Array(stacks.indices)).reversed()
            where filter.matches(stacks[index]) {
                matches.append(index)
            }
            if key != "created_at" || direction == "asc" {
                matches.sort { lhs, rhs in
                    let order = Self.compare(heat.stacks[lhs], heat.stacks[rhs], key: key)
                    if order != .orderedSame {
                        return direction == "asc" ? order == .orderedAscending : order == .orderedDescending
                    }
                    return direction == "asc" ? lhs < rhs : lhs > rhs
                }
            }
            count = matches.count
            if let marker = query["marker"], let position = matches.firstIndex(where: { heat.stacks[$0].id == marker })
            {
                matches = Array(matches[(position + 1)...])
            }
            if let limit { matches = Array(matches.prefix(limit)) }
        }
        var links: [[String: Any]]?
        if let limit, limit > 0, matches.count == limit, let last = matches.last {
            var items: [URLQueryItem] = []
            for name in query.keys.sorted() where name != "marker" {
                items.append(URLQueryItem(name: name, value: query[name]))
            }
            items.append(URLQueryItem(name: "marker", value: heat.stacks[last].id))
            var components = URLComponents(string: heatBase(projectID) + "/stacks")
            components?.queryItems = items
            links = [["rel": "next", "href": components?.string ?? ""]]
        }
        // `{"count"?, "links"?, "stacks"}`: keys in byte order, as JSONWriter writes them.
        var body: [UInt8] = []
        body.reserveCapacity(256 + matches.count * 700)
        body += Array(#"{"#.utf8)
        if withCount { body += Array(#""count":\#(count),"#.utf8) }
        if let links {
            body += Array(#""links":"#.utf8)
            JSONWriter.write(links, into: &body)
            body.append(UInt8(ascii: ","))
        }
        body += Array(#""stacks":["#.utf8)
        for (position, index) in matches.enumerated() {
            if position > 0 { body.append(UInt8(ascii: ",")) }
            body += listItemBytes(index)
        }
        body += Array("]}".utf8)
        return SimResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data(body))
    }

    /// Indices of one page in creation order (newest first unless `ascending`), after `marker`
    /// when it names a stack the filter matches (Heat ignores an unknown marker).
    private func stablePage(_ filter: StackListFilter, ascending: Bool, marker: String?, limit: Int?) -> [Int] {
        // One reference to the array for the whole walk, not one per stack; with a tag
        // filter, only the stacks carrying its rarest tag are visited.
        let stacks = heat.stacks
        let candidates = heat.candidates(tags: filter.tags)
        let count = candidates?.count ?? stacks.count
        var order: [Int] = []
        var position = ascending ? 0 : count - 1
        if let marker, let index = heat.index(id: marker), filter.matches(stacks[index]) {
            let found = candidates.map { HeatState.lowerBound(index, in: $0) } ?? index
            position = ascending ? found + 1 : found - 1
        }
        let wanted = limit ?? Int.max
        let step = ascending ? 1 : -1
        while order.count < wanted, position >= 0, position < count {
            let index = candidates?[position] ?? position
            if filter.matches(stacks[index]) { order.append(index) }
            position += step
        }
        return order
    }

    /// A stack's list item, rendered once and reused until something it shows changes.
    private func listItemBytes(_ index: Int) -> [UInt8] {
        let stack = heat.stacks[index]
        let key = ListItemKey(stack)
        if let cached = heat.listItems[stack.id], cached.key == key { return cached.bytes }
        var bytes: [UInt8] = []
        JSONWriter.write(stackSummary(stack), into: &bytes)
        heat.listItems[stack.id] = RenderedListItem(key: key, bytes: bytes)
        return bytes
    }

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
