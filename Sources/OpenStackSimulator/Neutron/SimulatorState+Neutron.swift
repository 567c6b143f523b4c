import Foundation

/// Neutron v2.0: networks, subnets, security groups (+ rules), ports and floating IPs, with
/// attribute filters (`?name=`), `fields=`, per-project visibility and quotas.
extension SimulatorState {
    private static let collections: [(path: String, singular: String, notFound: String, message: String)] = [
        ("networks", "network", "NetworkNotFound", "Network %@ could not be found."),
        ("subnets", "subnet", "SubnetNotFound", "Subnet %@ could not be found."),
        ("security-groups", "security_group", "SecurityGroupNotFound", "Security group %@ does not exist"),
        (
            "security-group-rules", "security_group_rule", "SecurityGroupRuleNotFound",
            "Security group rule %@ does not exist"
        ),
        ("ports", "port", "PortNotFound", "Port %@ could not be found."),
        ("floatingips", "floatingip", "FloatingIPNotFound", "Floating IP %@ could not be found"),
    ]

    /// Query parameters that are not attribute filters.
    private static let controlParameters: Set = ["fields", "limit", "marker", "sort_key", "sort_dir", "page_reverse"]

    func network(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        compute.settle(now: now)
        var segments = request.segments
        if segments.isEmpty {
            let version: [String: Any] = [
                "id": "v2.0", "status": "CURRENT", "links": [["rel": "self", "href": "\(baseURL)/network/v2.0/"]],
            ]
            return .json(200, ["versions": [version]])
        }
        guard segments.removeFirst() == "v2.0", request.method == "GET", let name = segments.first else {
            return .text(404, "The resource could not be found.\n\n   ")
        }
        let collection = name.hasSuffix(".json") ? String(name.dropLast(5)) : name
        if collection == "quotas", segments.count >= 2 {
            return neutronQuota(project: segments[1], detail: segments.count == 3 && segments[2] == "details")
        }
        guard let route = Self.collections.first(where: { $0.path == collection }) else {
            return .text(404, "The resource could not be found.\n\n   ")
        }
        let visible = neutronItems(collection).filter { item in
            isAdmin(token) || neutronVisible(item, project: token.projectID)
        }
        switch segments.count {
        case 1:
            return neutronList(route.path, items: visible, request: request)
        case 2:
            let id = segments[1]
            guard var item = visible.first(where: { $0["id"] as? String == id }) else {
                let message = route.message.replacingOccurrences(of: "%@", with: id)
                return .neutronError(404, type: route.notFound, message)
            }
            if let fields = request.query["fields"] { item = item.filter { $0.key == fields } }
            return .json(200, [route.singular: item])
        default:
            return .text(404, "The resource could not be found.\n\n   ")
        }
    }

    private func neutronItems(_ collection: String) -> [[String: Any]] {
        switch collection {
        case "networks": neutronNetworks()
        case "subnets": neutronSubnets()
        case "security-groups": neutronSecurityGroups()
        case "security-group-rules":
            neutronSecurityGroups().flatMap { ($0["security_group_rules"] as? [[String: Any]]) ?? [] }
        case "ports": neutronPorts()
        default: neutronFloatingIPs()
        }
    }

    /// A project sees its own resources, the shared networks, the external network, and the
    /// subnets of those (every seed network is shared or external).
    private func neutronVisible(_ item: [String: Any], project: String) -> Bool {
        if item["project_id"] as? String == project { return true }
        if item["shared"] as? Bool == true || item["router:external"] as? Bool == true { return true }
        return item["cidr"] != nil
    }

    private func neutronList(_ collection: String, items: [[String: Any]], request: SimRequest) -> SimResponse {
        var items = items
        let known = Set(items.flatMap(\.keys))
        for (key, wanted) in request.query.sorted(by: { $0.key < $1.key }) where !Self.controlParameters.contains(key) {
            // Neutron validates filters (filter_validation = true since Rocky).
            if !known.isEmpty && !known.contains(key) {
                return .neutronError(400, type: "HTTPBadRequest", "[\(key)] is invalid attribute for filtering")
            }
            items = items.filter { Self.neutronMatches($0[key], wanted) }
        }
        if let fields = request.query["fields"] { items = items.map { $0.filter { $0.key == fields } } }
        let key = collection.replacingOccurrences(of: "-", with: "_")
        return .json(200, [key: items])
    }

    /// Compares an attribute with a query value: strings exactly, booleans and numbers by text.
    static func neutronMatches(_ value: Any?, _ wanted: String) -> Bool {
        switch value {
        case let string as String: string == wanted
        case let bool as Bool: String(bool) == wanted.lowercased()
        case let number as Int: String(number) == wanted
        case is NSNull, nil: wanted.isEmpty
        default: false
        }
    }

    private func neutronQuota(project: String, detail: Bool) -> SimResponse {
        let ports = compute.servers.values.filter { $0.projectID == project }
        let used: [String: Int] = [
            "port": ports.count, "floatingip": ports.filter { $0.publicIP != nil }.count,
            "security_group": NeutronSeeds.groups.count,
            "security_group_rule": NeutronSeeds.groups.reduce(0) { count, group in
                count + securityGroupRules(project: project, group: group.name).count
            },
        ]
        let limits: [String: Int] = [
            "network": 100, "subnet": 100, "subnetpool": -1, "port": 500, "router": 10, "floatingip": 50,
            "security_group": 10, "security_group_rule": 100, "rbac_policy": 10,
        ]
        var quota: [String: Any] = [:]
        for (name, limit) in limits {
            quota[name] = detail ? ["limit": limit, "used": used[name] ?? 0, "reserved": 0] as Any : limit as Any
        }
        return .json(200, ["quota": quota])
    }
}
