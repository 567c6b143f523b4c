/// Networks, subnets, security groups, ports and floating IPs.
struct NetworkState: Sendable {
    /// Private addresses handed out so far (10.0.0.0/16 from 10.0.0.10).
    var nextPrivateHost = 10
    /// Floating addresses handed out so far (203.0.113.0/24 from .10).
    var nextFloatingHost = 10

    mutating func allocatePrivateIP() -> String {
        defer { nextPrivateHost += 1 }
        return "10.0.\(nextPrivateHost / 250).\(nextPrivateHost % 250 + 2)"
    }

    mutating func allocateFloatingIP() -> String {
        defer { nextFloatingHost += 1 }
        return "203.0.\(113 + nextFloatingHost / 250).\(nextFloatingHost % 250 + 2)"
    }
}
