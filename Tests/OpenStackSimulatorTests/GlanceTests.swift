import Foundation
import Testing

@testable import OpenStackSimulator

/// Glance v2: the seed images, filters, Glance's `limit`/`marker` paging and its 404.
@Suite struct GlanceTests {
    @Test("the four seed images are public, active qcow2 with stable ids; name filters exactly")
    func listAndFilter() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let list = try await client.send("GET", cloud.baseURL + "/image/v2/images", token: token)
        #expect(list.status == 200)
        let images = list.json["images"] as? [[String: Any]] ?? []
        #expect(
            Set(images.compactMap { $0["name"] as? String })
                == ["ubuntu-22.04", "debian-12", "centos-stream-9", "fedora-39"]
        )
        #expect(images.allSatisfy { $0["status"] as? String == "active" && $0["visibility"] as? String == "public" })
        #expect(images.allSatisfy { $0["disk_format"] as? String == "qcow2" && $0["min_disk"] is Int })
        #expect(list.json["next"] == nil)
        let debian = try await client.send("GET", cloud.baseURL + "/image/v2/images?name=debian-12", token: token)
        let found = debian.json["images"] as? [[String: Any]] ?? []
        #expect(found.map { $0["id"] as? String } == [SimImage.find("debian-12")?.id])
        let partial = try await client.send("GET", cloud.baseURL + "/image/v2/images?name=debian", token: token)
        #expect((partial.json["images"] as? [Any])?.isEmpty == true)
    }

    @Test("paging: a full page links `next` (even the last full one), an unknown marker is a 400")
    func paging() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        var next: String? = "/v2/images?limit=2"
        var pages: [[String]] = []
        for _ in 0..<5 {
            guard let link = next else { break }
            let page = try await client.send("GET", cloud.baseURL + "/image" + link, token: token)
            #expect(page.status == 200)
            pages.append((page.json["images"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
            next = page.json["next"] as? String
        }
        #expect(pages.map(\.count) == [2, 2, 0])
        #expect(Set(pages.joined()).count == 4)
        let bad = try await client.send("GET", cloud.baseURL + "/image/v2/images?marker=nope", token: token)
        #expect(bad.status == 400)
    }

    @Test("show by id; an unknown id is Glance's 404")
    func show() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let token = try await SimTest.token(cloud)
        let client = SimClient()
        let id = try #require(SimImage.find("fedora-39")?.id)
        let image = try await client.send("GET", cloud.baseURL + "/image/v2/images/\(id)", token: token)
        #expect(image.json["name"] as? String == "fedora-39")
        #expect(image.json["self"] as? String == "/v2/images/\(id)")
        let missing = try await client.send("GET", cloud.baseURL + "/image/v2/images/nope", token: token)
        #expect(missing.status == 404)
        #expect(String(decoding: missing.body, as: UTF8.self).contains("No image found with ID nope"))
        let json = try await client.send(
            "GET",
            cloud.baseURL + "/image/v2/images/nope",
            token: token,
            headers: ["Accept": "application/json"]
        )
        #expect(json.json["message"] as? String == "No image found with ID nope")
    }
}
