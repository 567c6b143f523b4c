import Foundation

/// Images: the public seed images, the same in every run.
struct ImageState: Sendable {
    var images: [SimImage] = SimImage.catalog
}

/// A Glance v2 image.
struct SimImage: Sendable, Hashable {
    var id: String
    var name: String
    var distro: String
    var version: String
    var minDisk: Int
    var minRAM: Int
    var size: Int
    var createdAt: Date

    static let catalog: [SimImage] = [
        SimImage(
            id: "5a9f1c2e-3b4d-4e6f-8a1b-2c3d4e5f6a01",
            name: "ubuntu-22.04",
            distro: "ubuntu",
            version: "22.04",
            minDisk: 10,
            minRAM: 512,
            size: 676_659_200,
            createdAt: Date(timeIntervalSince1970: 1_767_225_600)
        ),
        SimImage(
            id: "5a9f1c2e-3b4d-4e6f-8a1b-2c3d4e5f6a02",
            name: "debian-12",
            distro: "debian",
            version: "12",
            minDisk: 8,
            minRAM: 512,
            size: 438_779_904,
            createdAt: Date(timeIntervalSince1970: 1_767_225_660)
        ),
        SimImage(
            id: "5a9f1c2e-3b4d-4e6f-8a1b-2c3d4e5f6a03",
            name: "centos-stream-9",
            distro: "centos",
            version: "9",
            minDisk: 10,
            minRAM: 1024,
            size: 1_210_908_672,
            createdAt: Date(timeIntervalSince1970: 1_767_225_720)
        ),
        SimImage(
            id: "5a9f1c2e-3b4d-4e6f-8a1b-2c3d4e5f6a04",
            name: "fedora-39",
            distro: "fedora",
            version: "39",
            minDisk: 5,
            minRAM: 1024,
            size: 571_277_312,
            createdAt: Date(timeIntervalSince1970: 1_767_225_780)
        ),
    ]

    /// An image by id or by name (Heat templates name images).
    static func find(_ reference: String) -> SimImage? {
        catalog.first { $0.id == reference } ?? catalog.first { $0.name == reference }
    }
}

extension SimResponse {
    /// Glance's errors come from webob: HTML for browsers and `*/*`, JSON when only JSON is
    /// accepted, plain text otherwise.
    static func glanceError(_ status: Int, _ title: String, _ message: String, accept: String?) -> SimResponse {
        let accept = accept ?? ""
        if accept.contains("application/json") && !accept.contains("html") && !accept.contains("*/*") {
            return json(status, ["code": "\(status) \(title)", "title": title, "message": message])
        }
        if accept.contains("html") || accept.contains("*/*") {
            let html = """
                <html>
                 <head>
                  <title>\(status) \(title)</title>
                 </head>
                 <body>
                  <h1>\(status) \(title)</h1>
                  \(message)<br /><br />



                 </body>
                </html>
                """
            return text(status, html, contentType: "text/html; charset=UTF-8")
        }
        return text(status, "\(status) \(title)\n\n\(message)\n\n   ", contentType: "text/plain; charset=UTF-8")
    }
}
