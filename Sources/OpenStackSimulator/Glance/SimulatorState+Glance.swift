import Foundation

/// Glance v2: image list (filters, `limit`/`marker` paging with a `next` link) and show.
extension SimulatorState {
    func image(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        let accept = request.headers["accept"]
        let route = RouteShape(request.segments, collections: ["images"])
        let id = route.id
        switch (request.method, route.shape) {
        case ("GET", []):
            let version: [String: Any] = [
                "id": "v2.16", "status": "CURRENT", "links": [["rel": "self", "href": "\(baseURL)/image/v2/"]],
            ]
            return .json(300, ["versions": [version]])
        case ("GET", ["v2", "images"]):
            return listImages(request)
        case ("GET", ["v2", "images", "*"]):
            guard let image = images.images.first(where: { $0.id == id }) else {
                return .glanceError(404, "Not Found", "No image found with ID \(id)", accept: accept)
            }
            return .json(200, imageBody(image))
        default:
            return .glanceError(404, "Not Found", "The resource could not be found.", accept: accept)
        }
    }

    private func listImages(_ request: SimRequest) -> SimResponse {
        let accept = request.headers["accept"]
        var found = images.images.sorted { $0.createdAt > $1.createdAt }
        for key in ["name", "status", "visibility", "disk_format", "os_distro"] {
            guard let wanted = request.query[key] else { continue }
            found = found.filter { "\(imageBody($0)[key] ?? "")" == wanted }
        }
        var limit = 25
        if let given = request.query["limit"] {
            guard let value = Int(given), value >= 0 else {
                return .glanceError(400, "Bad Request", "limit param must be an integer", accept: accept)
            }
            limit = min(value, 1000)
        }
        if let marker = request.query["marker"] {
            guard let index = found.firstIndex(where: { $0.id == marker }) else {
                return .glanceError(400, "Bad Request", "Marker \(marker) could not be found.", accept: accept)
            }
            found = Array(found[(index + 1)...])
        }
        let page = Array(found.prefix(limit))
        var first = request.query
        first["marker"] = nil
        var body: [String: Any] = [
            "images": page.map(imageBody), "schema": "/v2/schemas/images", "first": Self.imagesLink(first),
        ]
        // Glance links the next page whenever the page is full, even if nothing follows.
        if let last = page.last, page.count == limit {
            // Glance copies the request's parameters into the link and sets the marker.
            var parameters = request.query
            parameters["limit"] = String(limit)
            parameters["marker"] = last.id
            body["next"] = Self.imagesLink(parameters)
        }
        return .json(200, body)
    }

    /// `/v2/images` with query parameters (sorted, so links are stable).
    static func imagesLink(_ parameters: [String: String]) -> String {
        guard !parameters.isEmpty else { return "/v2/images" }
        var components = URLComponents()
        components.queryItems = parameters.sorted { $0.key < $1.key }.map {
            URLQueryItem(name: $0.key, value: $0.value)
        }
        return "/v2/images?" + (components.percentEncodedQuery ?? "")
    }

    func imageBody(_ image: SimImage) -> [String: Any] {
        let created = Timestamp.seconds(image.createdAt)
        let checksum = String(KeystoneState.stableID("md5/\(image.id)"))
        return [
            "id": image.id, "name": image.name, "status": "active", "visibility": "public", "protected": false,
            "os_hidden": false, "tags": [String](), "container_format": "bare", "disk_format": "qcow2",
            "min_disk": image.minDisk, "min_ram": image.minRAM, "size": image.size, "virtual_size": NSNull(),
            "checksum": checksum, "os_hash_algo": "sha512",
            "os_hash_value": (1...4).map { KeystoneState.stableID("sha\($0)/\(image.id)") }.joined(),
            "owner": KeystoneState.stableID("project/admin"), "created_at": created, "updated_at": created,
            "self": "/v2/images/\(image.id)", "file": "/v2/images/\(image.id)/file", "schema": "/v2/schemas/image",
            "os_distro": image.distro, "os_version": image.version, "hw_disk_bus": "virtio",
        ]
    }
}
