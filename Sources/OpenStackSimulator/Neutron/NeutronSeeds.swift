import Foundation

/// The seed networks, subnets and security groups (ids stable across runs).
enum NeutronSeeds {
    struct Subnet: Sendable {
        var name: String
        var network: String
        var cidr: String
        var gateway: String
        var poolStart: String
        var poolEnd: String
    }

    static let subnets: [Subnet] = [
        Subnet(
            name: "private-subnet",
            network: "private",
            cidr: "10.0.0.0/16",
            gateway: "10.0.0.1",
            poolStart: "10.0.0.2",
            poolEnd: "10.0.255.254"
        ),
        Subnet(
            name: "dmz-subnet",
            network: "dmz",
            cidr: "10.1.0.0/24",
            gateway: "10.1.0.1",
            poolStart: "10.1.0.2",
            poolEnd: "10.1.0.254"
        ),
        Subnet(
            name: "public-subnet",
            network: "public",
            cidr: "203.0.113.0/24",
            gateway: "203.0.113.1",
            poolStart: "203.0.113.2",
            poolEnd: "203.0.113.254"
        ),
    ]

    static let networkNames = ["private", "dmz", "public"]

    static func networkID(_ name: String) -> String { KeystoneState.stableUUID("network/\(name)") }
    static func subnetID(_ name: String) -> String { KeystoneState.stableUUID("subnet/\(name)") }
    static func securityGroupID(_ project: String, _ name: String) -> String {
        KeystoneState.stableUUID("security-group/\(project)/\(name)")
    }
    static func portID(_ serverID: String) -> String { KeystoneState.stableUUID("port/\(serverID)") }
    static let routerID = KeystoneState.stableUUID("router/router1")
    static let adminProject = KeystoneState.stableID("project/admin")

    /// Ingress rules of the seed groups: (protocol, port, remote prefix); nil protocol with
    /// no prefix = from members of the same group.
    static let groups: [(name: String, description: String, ingress: [(String?, Int?, String?)])] = [
        ("default", "Default security group", [(nil, nil, nil)]),
        ("web", "HTTP and HTTPS from anywhere", [("tcp", 80, "0.0.0.0/0"), ("tcp", 443, "0.0.0.0/0")]),
        ("ssh", "SSH from anywhere", [("tcp", 22, "0.0.0.0/0")]),
    ]
}

extension SimResponse {
    /// Neutron's error envelope: `{"NeutronError": {"type", "message", "detail"}}`.
    static func neutronError(_ status: Int, type: String, _ message: String) -> SimResponse {
        json(status, ["NeutronError": ["type": type, "message": message, "detail": ""]])
    }
}
