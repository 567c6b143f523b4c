import Foundation

/// Neutron v2.0 bodies, built from the seeds and the servers on every request.
extension SimulatorState {
    private var seedTime: String { "2026-01-01T00:00:00Z" }

    private func owned(_ project: String, _ body: [String: Any]) -> [String: Any] {
        body.merging(
            [
                "project_id": project, "tenant_id": project, "description": "", "tags": [String](),
                "created_at": seedTime, "updated_at": seedTime, "revision_number": 1,
            ],
            uniquingKeysWith: { first, _ in first }
        )
    }

    func neutronNetworks() -> [[String: Any]] {
        NeutronSeeds.networkNames.map { name in
            let external = name == "public"
            return owned(
                NeutronSeeds.adminProject,
                [
                    "id": NeutronSeeds.networkID(name), "name": name, "status": "ACTIVE", "admin_state_up": true,
                    "shared": !external, "router:external": external, "mtu": external ? 1500 : 1450,
                    "subnets": NeutronSeeds.subnets.filter { $0.network == name }.map {
                        NeutronSeeds.subnetID($0.name)
                    },
                    "availability_zone_hints": [String](), "availability_zones": ["nova"],
                    "ipv4_address_scope": NSNull(), "ipv6_address_scope": NSNull(), "port_security_enabled": true,
                    "qos_policy_id": NSNull(), "is_default": external, "l2_adjacency": true, "dns_domain": "",
                    "provider:network_type": external ? "flat" : "vxlan",
                    "provider:physical_network": external ? "public" as Any : NSNull() as Any,
                    "provider:segmentation_id": external ? NSNull() as Any : 100 + name.count as Any,
                ]
            )
        }
    }

    func neutronSubnets() -> [[String: Any]] {
        NeutronSeeds.subnets.map { subnet in
            owned(
                NeutronSeeds.adminProject,
                [
                    "id": NeutronSeeds.subnetID(subnet.name), "name": subnet.name,
                    "network_id": NeutronSeeds.networkID(subnet.network), "cidr": subnet.cidr, "ip_version": 4,
                    "gateway_ip": subnet.gateway, "enable_dhcp": subnet.network != "public",
                    "allocation_pools": [["start": subnet.poolStart, "end": subnet.poolEnd]],
                    "dns_nameservers": [String](), "host_routes": [[String: Any]](), "service_types": [String](),
                    "ipv6_ra_mode": NSNull(), "ipv6_address_mode": NSNull(), "subnetpool_id": NSNull(),
                    "dns_publish_fixed_ip": false,
                ]
            )
        }
    }

    func neutronSecurityGroups() -> [[String: Any]] {
        keystone.projects.keys.sorted().flatMap { project in
            NeutronSeeds.groups.map { group in
                owned(
                    project,
                    [
                        "id": NeutronSeeds.securityGroupID(project, group.name), "name": group.name,
                        "description": group.description, "stateful": true, "shared": false,
                        "security_group_rules": securityGroupRules(project: project, group: group.name),
                    ]
                )
            }
        }
    }

    func securityGroupRules(project: String, group: String) -> [[String: Any]] {
        let groupID = NeutronSeeds.securityGroupID(project, group)
        let ingress = NeutronSeeds.groups.first { $0.name == group }?.ingress ?? []
        var rules: [[String: Any]] = ["IPv4", "IPv6"].map { ethertype in
            rule(project, groupID, "egress/\(ethertype)", direction: "egress", ethertype: ethertype)
        }
        for (proto, port, prefix) in ingress {
            var ingressRule = rule(
                project,
                groupID,
                "ingress/\(proto ?? "any")/\(port ?? 0)",
                direction: "ingress",
                ethertype: "IPv4"
            )
            ingressRule["protocol"] = proto as Any? ?? NSNull()
            ingressRule["port_range_min"] = port as Any? ?? NSNull()
            ingressRule["port_range_max"] = port as Any? ?? NSNull()
            ingressRule["remote_ip_prefix"] = prefix as Any? ?? NSNull()
            ingressRule["normalized_cidr"] = prefix as Any? ?? NSNull()
            if prefix == nil { ingressRule["remote_group_id"] = groupID }
            rules.append(ingressRule)
        }
        return rules
    }

    private func rule(
        _ project: String,
        _ groupID: String,
        _ key: String,
        direction: String,
        ethertype: String
    ) -> [String: Any] {
        owned(
            project,
            [
                "id": KeystoneState.stableUUID("rule/\(groupID)/\(key)"), "security_group_id": groupID,
                "direction": direction, "ethertype": ethertype, "protocol": NSNull(),
                "port_range_min": NSNull(), "port_range_max": NSNull(), "remote_ip_prefix": NSNull(),
                "normalized_cidr": NSNull(), "remote_group_id": NSNull(), "remote_address_group_id": NSNull(),
                "belongs_to_default_sg": groupID == NeutronSeeds.securityGroupID(project, "default"),
            ]
        )
    }

    func neutronPorts() -> [[String: Any]] {
        compute.servers.values.sorted { $0.id < $1.id }.map { server in
            owned(
                server.projectID,
                [
                    "id": NeutronSeeds.portID(server.id), "name": "", "network_id": NeutronSeeds.networkID("private"),
                    "mac_address": Self.macAddress(server.id),
                    "fixed_ips": [
                        ["subnet_id": NeutronSeeds.subnetID("private-subnet"), "ip_address": server.privateIP]
                    ],
                    "device_id": server.id, "device_owner": "compute:nova", "admin_state_up": true,
                    "status": server.status == "SHUTOFF" ? "DOWN" : "ACTIVE",
                    "security_groups": [NeutronSeeds.securityGroupID(server.projectID, "default")],
                    "binding:vnic_type": "normal", "port_security_enabled": true, "allowed_address_pairs": [Any](),
                    "extra_dhcp_opts": [Any](), "dns_name": "", "dns_assignment": [Any](), "qos_policy_id": NSNull(),
                    "created_at": Timestamp.seconds(server.createdAt),
                    "updated_at": Timestamp.seconds(server.createdAt),
                ]
            )
        }
    }

    func neutronFloatingIPs() -> [[String: Any]] {
        compute.servers.values.sorted { $0.id < $1.id }.compactMap { server in
            guard let address = server.publicIP else { return nil }
            return owned(
                server.projectID,
                [
                    "id": KeystoneState.stableUUID("floatingip/\(server.id)"), "floating_ip_address": address,
                    "fixed_ip_address": server.privateIP, "floating_network_id": NeutronSeeds.networkID("public"),
                    "port_id": NeutronSeeds.portID(server.id), "router_id": NeutronSeeds.routerID,
                    "status": "ACTIVE", "dns_domain": "", "dns_name": "", "qos_policy_id": NSNull(),
                    "port_details": [
                        "name": "", "network_id": NeutronSeeds.networkID("private"), "device_id": server.id,
                        "device_owner": "compute:nova", "mac_address": Self.macAddress(server.id),
                        "admin_state_up": true, "status": server.status == "SHUTOFF" ? "DOWN" : "ACTIVE",
                    ],
                    "created_at": Timestamp.seconds(server.createdAt),
                    "updated_at": Timestamp.seconds(server.createdAt),
                ]
            )
        }
    }
}
