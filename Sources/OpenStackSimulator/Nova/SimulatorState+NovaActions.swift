import Foundation

/// Nova server actions (`os-start`, `os-stop`, `reboot`) with Nova's state checks, and the
/// project's limits and quotas with usage computed from its servers.
extension SimulatorState {
    func serverAction(_ id: String, request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        guard let body = request.jsonObject else { return .novaError(400, "Malformed request body") }
        guard let server = server(id, token: token) else { return .novaServerNotFound(id) }
        guard body.count == 1, let action = body.keys.first else {
            return .novaError(400, "Malformed request body")
        }
        switch action {
        case "os-start":
            if let conflict = Self.stateConflict(server, action: "start", vmStates: ["stopped"]) { return conflict }
            updateServer(id) { $0.status = "ACTIVE" }
        case "os-stop":
            let allowed: Set = ["active", "rescued", "error"]
            if let conflict = Self.stateConflict(server, action: "stop", vmStates: allowed) { return conflict }
            updateServer(id) { $0.status = "SHUTOFF" }
        case "reboot":
            let type = ((body["reboot"] as? [String: Any])?["type"] as? String) ?? ""
            guard ["SOFT", "HARD"].contains(type.uppercased()) else {
                return .novaError(
                    400,
                    "Invalid input for field/attribute type. Value: \(type). '\(type)' is not one of "
                        + "['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']"
                )
            }
            let hard = type.uppercased() == "HARD"
            // Nova: a soft reboot needs an active server with no task; a hard one is also allowed
            // from stopped/error and on top of a running reboot.
            let vmStates: Set = hard ? ["active", "stopped", "paused", "suspended", "error"] : ["active"]
            let tasks: Set<String?> = hard ? [nil, "rebooting", "rebooting_hard"] : [nil]
            if let conflict = Self.stateConflict(server, action: "reboot", vmStates: vmStates, taskStates: tasks) {
                return conflict
            }
            let ends = now.addingTimeInterval(compute.rebootDuration)
            updateServer(id) { server in
                server.status = hard ? "HARD_REBOOT" : "REBOOT"
                server.transitionEndsAt = ends
            }
        default:
            return .novaError(400, "There is no such action: \(action)")
        }
        return SimResponse(status: 202)
    }

    /// How long reboots last (tests shorten it).
    func setRebootDuration(_ seconds: TimeInterval) { compute.rebootDuration = seconds }

    private func updateServer(_ id: String, _ change: (inout SimServer) -> Void) {
        guard var server = compute.servers[id] else { return }
        change(&server)
        server.updatedAt = now
        compute.servers[id] = server
    }

    /// Nova's `check_instance_state`: the vm_state first, then the task_state.
    static func stateConflict(
        _ server: SimServer,
        action: String,
        vmStates: Set<String>,
        taskStates: Set<String?> = [nil]
    ) -> SimResponse? {
        let prefix = "Cannot '\(action)' instance \(server.id) while it is in"
        if !vmStates.contains(server.vmState) {
            return .novaError(409, "\(prefix) vm_state \(server.vmState)")
        }
        if !taskStates.contains(server.taskState) {
            return .novaError(409, "\(prefix) task_state \(server.taskState ?? "None")")
        }
        return nil
    }

    /// What a project's servers use: instances, cores and RAM (MB).
    func novaUsage(project: String) -> [String: Int] {
        let servers = compute.servers.values.filter { $0.projectID == project }
        let flavors = servers.map { SimFlavor.find($0.flavor) }
        return [
            "instances": servers.count,
            "cores": flavors.reduce(0) { $0 + ($1?.vcpus ?? 0) },
            "ram": flavors.reduce(0) { $0 + ($1?.ram ?? 0) },
            "key_pairs": keypairs(of: project).count,
        ]
    }

    func limits(token: KeystoneState.Token) -> SimResponse {
        let usage = novaUsage(project: token.projectID)
        let absolute: [String: Any] = [
            "maxTotalInstances": NovaQuota.limit("instances"), "maxTotalCores": NovaQuota.limit("cores"),
            "maxTotalRAMSize": NovaQuota.limit("ram"), "maxTotalKeypairs": NovaQuota.limit("key_pairs"),
            "maxServerMeta": NovaQuota.limit("metadata_items"), "maxImageMeta": 128,
            "maxPersonality": NovaQuota.limit("injected_files"),
            "maxPersonalitySize": NovaQuota.limit("injected_file_content_bytes"),
            "maxServerGroups": NovaQuota.limit("server_groups"),
            "maxServerGroupMembers": NovaQuota.limit("server_group_members"),
            "maxSecurityGroups": 10, "maxSecurityGroupRules": 20, "maxTotalFloatingIps": 10,
            "totalInstancesUsed": usage["instances"] ?? 0, "totalCoresUsed": usage["cores"] ?? 0,
            "totalRAMUsed": usage["ram"] ?? 0, "totalServerGroupsUsed": 0, "totalSecurityGroupsUsed": 0,
            "totalFloatingIpsUsed": 0,
        ]
        return .json(200, ["limits": ["rate": [Any](), "absolute": absolute]])
    }

    func quotaSet(project: String, detail: Bool) -> SimResponse {
        let usage = novaUsage(project: project)
        var body: [String: Any] = ["id": project]
        for (name, limit) in NovaQuota.defaults {
            body[name] = detail ? ["limit": limit, "in_use": usage[name] ?? 0, "reserved": 0] as [String: Any] : limit
        }
        return .json(200, ["quota_set": body])
    }
}
