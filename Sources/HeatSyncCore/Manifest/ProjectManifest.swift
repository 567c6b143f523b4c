/// A decoded `kind: Project` manifest (`projects/<name>/project.yaml`).
public struct ProjectManifest: Sendable, Hashable {
    public var name: String
    public var file: String
    public var cloud: String?
    public var region: String?
    public var quotas: Quotas
    public var networkProfiles: [String: NetworkProfile]
    public var safety: SafetyPolicy
    /// Hourly price per flavor name.
    public var prices: [String: Double]
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(
        name: String,
        file: String,
        cloud: String? = nil,
        region: String? = nil,
        quotas: Quotas = Quotas(),
        networkProfiles: [String: NetworkProfile] = [:],
        safety: SafetyPolicy = SafetyPolicy(),
        prices: [String: Double] = [:],
        labels: [String: String] = [:],
        annotations: [String: String] = [:]
    ) {
        self.name = name
        self.file = file
        self.cloud = cloud
        self.region = region
        self.quotas = quotas
        self.networkProfiles = networkProfiles
        self.safety = safety
        self.prices = prices
        self.labels = labels
        self.annotations = annotations
    }
}

/// Limits a project sets on itself; nil means no limit.
public struct Quotas: Sendable, Hashable, Codable {
    public var vms: Int?
    public var vcpus: Int?
    public var ramMB: Int?
    public var gpus: Int?
    public var floatingIPs: Int?

    public init(vms: Int? = nil, vcpus: Int? = nil, ramMB: Int? = nil, gpus: Int? = nil, floatingIPs: Int? = nil) {
        self.vms = vms
        self.vcpus = vcpus
        self.ramMB = ramMB
        self.gpus = gpus
        self.floatingIPs = floatingIPs
    }
}

/// Where a VM's port goes: a network, optionally a subnet, and the network floating IPs come from.
public struct NetworkProfile: Sendable, Hashable, Codable {
    public var network: String
    public var subnet: String?
    public var floatingNetwork: String?

    public init(network: String, subnet: String? = nil, floatingNetwork: String? = nil) {
        self.network = network
        self.subnet = subnet
        self.floatingNetwork = floatingNetwork
    }
}

/// How far a project lets one apply go when deleting.
public struct SafetyPolicy: Sendable, Hashable, Codable {
    /// Delete stacks whose manifest was removed (a `state: absent` tombstone always deletes).
    public var prune: Bool
    /// More deletes than this in one apply are refused.
    public var maxDeletesPerApply: Int
    /// Deleting more than this share of the project's VMs in one apply is refused
    /// (only when more than one VM would go: a single delete is never a mass delete).
    public var maxDeletePercent: Int

    public init(prune: Bool = true, maxDeletesPerApply: Int = 5, maxDeletePercent: Int = 25) {
        self.prune = prune
        self.maxDeletesPerApply = maxDeletesPerApply
        self.maxDeletePercent = maxDeletePercent
    }
}
