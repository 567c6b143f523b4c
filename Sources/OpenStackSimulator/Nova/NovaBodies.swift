import Foundation

/// Nova's JSON bodies for flavors, servers and key pairs (compute API v2.1).
extension SimulatorState {
    /// The requested compute microversion as (major, minor); 2.1 when none is asked for.
    static func microversion(_ request: SimRequest) -> (Int, Int) {
        var value = request.headers["x-openstack-nova-api-version"] ?? ""
        if let header = request.headers["openstack-api-version"] {
            let words = header.split(separator: " ")
            if words.count == 2, words[0].lowercased() == "compute" { value = String(words[1]) }
        }
        if value == "latest" { return (2, 96) }
        let numbers = value.split(separator: ".").compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : (2, 1)
    }

    static func atLeast(_ version: (Int, Int), _ minor: Int) -> Bool { version.0 > 2 || version.1 >= minor }

    func novaLink(_ path: String) -> [[String: Any]] {
        [
            ["rel": "self", "href": "\(baseURL)/compute/v2.1/\(path)"],
            ["rel": "bookmark", "href": "\(baseURL)/compute/\(path)"],
        ]
    }

    func flavorBody(_ flavor: SimFlavor, detail: Bool, version: (Int, Int)) -> [String: Any] {
        var body: [String: Any] = ["id": flavor.id, "name": flavor.name, "links": novaLink("flavors/\(flavor.id)")]
        if Self.atLeast(version, 55) { body["description"] = NSNull() }
        guard detail else { return body }
        body["vcpus"] = flavor.vcpus
        body["ram"] = flavor.ram
        body["disk"] = flavor.disk
        body["OS-FLV-EXT-DATA:ephemeral"] = 0
        body["OS-FLV-DISABLED:disabled"] = false
        body["os-flavor-access:is_public"] = true
        body["rxtx_factor"] = 1.0
        body["swap"] = Self.atLeast(version, 75) ? 0 as Any : "" as Any
        if Self.atLeast(version, 61) { body["extra_specs"] = flavor.extraSpecs }
        return body
    }

    func serverBody(_ server: SimServer, version: (Int, Int)) -> [String: Any] {
        var addresses: [[String: Any]] = [
            [
                "addr": server.privateIP, "version": 4, "OS-EXT-IPS:type": "fixed",
                "OS-EXT-IPS-MAC:mac_addr": Self.macAddress(server.id),
            ]
        ]
        if let floating = server.publicIP {
            addresses.append([
                "addr": floating, "version": 4, "OS-EXT-IPS:type": "floating",
                "OS-EXT-IPS-MAC:mac_addr": Self.macAddress(server.id),
            ])
        }
        let flavor = SimFlavor.find(server.flavor)
        var flavorBody: [String: Any] = [
            "id": flavor?.id ?? server.flavor, "links": novaLink("flavors/\(server.flavor)"),
        ]
        if Self.atLeast(version, 47) {
            flavorBody = [
                "original_name": flavor?.name ?? server.flavor, "vcpus": flavor?.vcpus ?? 0, "ram": flavor?.ram ?? 0,
                "disk": flavor?.disk ?? 0, "ephemeral": 0, "swap": 0, "extra_specs": flavor?.extraSpecs ?? [:],
            ]
        }
        let imageID = SimImage.find(server.image)?.id ?? server.image
        let created = Timestamp.seconds(server.createdAt)
        return [
            "id": server.id, "name": server.name, "status": server.status,
            "tenant_id": server.projectID, "user_id": KeystoneState.stableID("user/heat"),
            "metadata": server.metadata, "hostId": KeystoneState.stableID("host/\(server.projectID)"),
            "image": ["id": imageID, "links": [["rel": "bookmark", "href": "\(baseURL)/compute/images/\(imageID)"]]],
            "flavor": flavorBody, "created": created,
            "updated": Timestamp.seconds(server.updatedAt ?? server.createdAt),
            "addresses": ["private": addresses], "accessIPv4": "", "accessIPv6": "",
            "links": novaLink("servers/\(server.id)"), "OS-DCF:diskConfig": "MANUAL",
            "progress": 0, "OS-EXT-AZ:availability_zone": "nova", "config_drive": "",
            "key_name": server.keyName as Any? ?? NSNull(),
            "OS-SRV-USG:launched_at": server.status == "BUILD" ? NSNull() as Any : created as Any,
            "OS-SRV-USG:terminated_at": NSNull(),
            "OS-EXT-STS:vm_state": server.vmState,
            "OS-EXT-STS:task_state": server.taskState as Any? ?? NSNull(),
            "OS-EXT-STS:power_state": server.powerState,
            "os-extended-volumes:volumes_attached": [[String: Any]](),
            "security_groups": [["name": "default"]],
        ]
    }

    func keypairBody(_ keypair: SimKeypair, userID: String, full: Bool) -> [String: Any] {
        var body: [String: Any] = [
            "name": keypair.name, "public_key": keypair.publicKey, "fingerprint": keypair.fingerprint, "type": "ssh",
        ]
        if full {
            body["user_id"] = userID
            body["created_at"] = Timestamp.seconds(keypair.createdAt)
            body["deleted"] = false
            body["deleted_at"] = NSNull()
            body["updated_at"] = NSNull()
            body["id"] = Int(KeystoneState.stableID("keypair/\(keypair.name)").prefix(4), radix: 16) ?? 1
        }
        return body
    }

    /// A stable `fa:16:3e:…` MAC (Neutron's default prefix) for a server's port.
    static func macAddress(_ serverID: String) -> String {
        let hex = Array(KeystoneState.stableID("mac/\(serverID)"))
        return "fa:16:3e:" + stride(from: 0, to: 6, by: 2).map { String(hex[$0...$0 + 1]) }.joined(separator: ":")
    }
}
