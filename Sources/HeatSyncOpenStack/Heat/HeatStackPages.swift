import Foundation

/// The live stacks carrying all of some tags, one page per element, each fetched only when the
/// previous one has been consumed: the request count grows with pages, not stacks. Paging
/// stops on a short page, a missing `next` link or a page of stacks already seen — never on an
/// error, because Heat ignores an unknown marker and answers the first page again.
///
/// ```swift
/// for try await page in heat.stackPages(tags: ["heatsync-owner=prod"]) {
///     for stack in page { print(stack.name, stack.status) }
/// }
/// ```
public struct HeatStackPages: AsyncSequence, Sendable {
    public typealias Element = [HeatStack]

    let client: HeatClient
    let tags: [String]
    let pageSize: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, tags: tags, pageSize: pageSize)
    }

    /// Fetches one page per `next()`.
    public struct Iterator: AsyncIteratorProtocol {
        let client: HeatClient
        let tags: [String]
        let pageSize: Int
        private var marker: String?
        private var seen = Set<String>()
        private var finished = false

        init(client: HeatClient, tags: [String], pageSize: Int) {
            self.client = client
            self.tags = tags
            self.pageSize = Swift.max(1, pageSize)
        }

        /// The next page's live stacks, or nil after the last page.
        public mutating func next() async throws -> [HeatStack]? {
            guard !finished else { return nil }
            var query = [("limit", String(pageSize))]
            if !tags.isEmpty { query.append(("tags", tags.joined(separator: ","))) }
            if let marker { query.append(("marker", marker)) }
            let body = try HeatClient.object(try await client.get("/stacks" + HeatClient.queryString(query)))
            let page = (body["stacks"] as? [[String: Any]] ?? []).compactMap(HeatStack.init(json:))
            let fresh = page.filter { seen.insert($0.id).inserted }
            let hasNext = (body["links"] as? [[String: Any]] ?? []).contains { $0["rel"] as? String == "next" }
            if page.count == pageSize, hasNext, !fresh.isEmpty, let last = page.last {
                marker = last.id
            } else {
                finished = true
                if fresh.isEmpty { return nil }
            }
            return fresh.filter { !$0.isDeleted }
        }
    }
}

/// The stacks of ``HeatStackPages`` one at a time.
public struct HeatStackSequence: AsyncSequence, Sendable {
    public typealias Element = HeatStack

    let pages: HeatStackPages

    public func makeAsyncIterator() -> Iterator { Iterator(pages: pages.makeAsyncIterator()) }

    /// Hands out the current page's stacks, fetching the next page when it runs out.
    public struct Iterator: AsyncIteratorProtocol {
        var pages: HeatStackPages.Iterator
        var buffer: [HeatStack] = []
        var position = 0

        public mutating func next() async throws -> HeatStack? {
            while position == buffer.count {
                guard let page = try await pages.next() else { return nil }
                buffer = page
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }
    }
}
