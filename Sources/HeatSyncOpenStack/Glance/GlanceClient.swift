import Foundation

/// Glance (image) v2: the images a VM may boot from.
public struct GlanceClient: Sendable {
    public let session: KeystoneSession
    public var readRetry: RetryPolicy

    public init(session: KeystoneSession, readRetry: RetryPolicy = RetryPolicy()) {
        self.session = session
        self.readRetry = readRetry
    }

    public struct Image: Sendable, Hashable {
        public var id: String
        public var name: String
        public var status: String
        public var minDiskGB: Int
        public var minRamMB: Int
    }

    /// Every image, following Glance's `next` links.
    public func images(pageSize: Int = 100) async throws -> [Image] {
        var images: [Image] = []
        var path: String? = "/v2/images?limit=\(pageSize)"
        var pages = 0
        while let current = path, pages < 10_000 {
            pages += 1
            let response = try await session.send(service: "image", method: "GET", path: current, retry: readRetry)
            guard response.status == 200 else {
                throw ServiceResponse.error(response, service: "Glance", method: "GET", path: current)
            }
            let body = try ServiceResponse.object(response, service: "Glance")
            let page = (body["images"] as? [[String: Any]] ?? []).compactMap { image -> Image? in
                guard let id = image["id"] as? String else { return nil }
                return Image(
                    id: id,
                    name: image["name"] as? String ?? "",
                    status: image["status"] as? String ?? "",
                    minDiskGB: image["min_disk"] as? Int ?? 0,
                    minRamMB: image["min_ram"] as? Int ?? 0
                )
            }
            images += page
            // `next` is relative to the service root, e.g. "/v2/images?marker=…".
            path = page.isEmpty ? nil : body["next"] as? String
        }
        return images
    }
}
