import Foundation

/// Neutron (network) v2.0: networks, subnets, security groups and floating IPs.
public struct NeutronClient: Sendable {
    public let session: KeystoneSession
    public var readRetry: RetryPolicy

    public init(session: KeystoneSession, readRetry: RetryPolicy = RetryPolicy()) {
        self.session = session
        self.readRetry = readRetry
    }

    /// A named Neutron object: what catalog checks need of networks, subnets and security groups.
    public struct Resource: Sendable, Hashable {
        public var id: String
        public var name: String
        /// `router:external` for networks (where floating IPs come from).
        public var isExternal: Bool
    }

    public func networks() async throws -> [Resource] { try await list("networks") }
    public func subnets() async throws -> [Resource] { try await list("subnets") }
    public func securityGroups() async throws -> [Resource] {
        try await list("security-groups", key: "security_groups")
    }

    public func floatingIPs() async throws -> [(id: String, address: String)] {
        let body = try await get("/v2.0/floatingips")
        return (body["floatingips"] as? [[String: Any]] ?? []).compactMap { item in
            guard let id = item["id"] as? String, let address = item["floating_ip_address"] as? String else {
                return nil
            }
            return (id, address)
        }
    }

    private func list(_ collection: String, key: String? = nil) async throws -> [Resource] {
        let body = try await get("/v2.0/\(collection)")
        return (body[key ?? collection] as? [[String: Any]] ?? []).compactMap { item in
            guard let id = item["id"] as? String else { return nil }
            return Resource(
                id: id,
                name: item["name"] as? String ?? "",
                isExternal: item["router:external"] as? Bool ?? false
            )
        }
    }

    private func get(_ path: String) async throws -> [String: Any] {
        let response = try await session.send(service: "network", method: "GET", path: path, retry: readRetry)
        guard response.status == 200 else {
            throw ServiceResponse.error(response, service: "Neutron", method: "GET", path: path)
        }
        return try ServiceResponse.object(response, service: "Neutron")
    }
}
