import Foundation

/// The seed flavors (devstack's ids for `m1.*`), the same in every run.
struct SimFlavor: Sendable, Hashable {
    var id: String
    var name: String
    var vcpus: Int
    var ram: Int
    var disk: Int
    var extraSpecs: [String: String] = [:]

    static let catalog: [SimFlavor] = [
        SimFlavor(id: "1", name: "m1.tiny", vcpus: 1, ram: 512, disk: 1),
        SimFlavor(id: "2", name: "m1.small", vcpus: 1, ram: 2048, disk: 20),
        SimFlavor(id: "3", name: "m1.medium", vcpus: 2, ram: 4096, disk: 40),
        SimFlavor(id: "4", name: "m1.large", vcpus: 4, ram: 8192, disk: 80),
        SimFlavor(id: "5", name: "m1.xlarge", vcpus: 8, ram: 16384, disk: 160),
        SimFlavor(
            id: KeystoneState.stableUUID("flavor/g1.large"),
            name: "g1.large",
            vcpus: 8,
            ram: 32768,
            disk: 160,
            extraSpecs: ["resources:VGPU": "1", "trait:CUSTOM_GPU": "required"]
        ),
    ]

    /// A flavor by id or by name (Heat templates name flavors).
    static func find(_ reference: String) -> SimFlavor? {
        catalog.first { $0.id == reference } ?? catalog.first { $0.name == reference }
    }
}

/// Nova's defaults for `GET /limits` and `GET /os-quota-sets/{project}`.
enum NovaQuota {
    static let defaults: [(name: String, limit: Int)] = [
        ("instances", 10), ("cores", 20), ("ram", 51200), ("key_pairs", 100), ("metadata_items", 128),
        ("server_groups", 10), ("server_group_members", 10), ("injected_files", 5),
        ("injected_file_content_bytes", 10240), ("injected_file_path_bytes", 255),
    ]

    static func limit(_ name: String) -> Int { defaults.first { $0.name == name }?.limit ?? -1 }
}

extension SimResponse {
    /// Nova's fault envelope: `{"itemNotFound": {"code": 404, "message": "…"}}`.
    static func novaError(_ status: Int, _ message: String) -> SimResponse {
        let name =
            switch status {
            case 400: "badRequest"
            case 401: "unauthorized"
            case 403: "forbidden"
            case 404: "itemNotFound"
            case 405: "badMethod"
            case 409: "conflictingRequest"
            case 413, 429: "overLimit"
            case 415: "badMediaType"
            case 501: "notImplemented"
            case 503: "serviceUnavailable"
            default: "computeFault"
            }
        return json(status, [name: ["code": status, "message": message]])
    }

    static func novaServerNotFound(_ id: String) -> SimResponse {
        novaError(404, "Instance \(id) could not be found.")
    }
}
