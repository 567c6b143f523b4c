import Foundation

/// Stack lifecycles, computed lazily: an operation records when it ends and how; the first
/// Heat request after that moment applies its effects (servers, events, final status).
extension SimulatorState {
    /// Applies every operation whose time is up. Called once per authenticated request; only
    /// stacks that may have an operation pending are visited, so 10,000 idle stacks cost nothing.
    func settleStacks() {
        guard !heat.maybePending.isEmpty else { return }
        let time = now
        for index in heat.maybePending.sorted() {
            // A finished operation may start the next one (a failed create rolls back).
            while let pending = heat.stacks[index].pending, pending.outcome != .stuck, pending.endsAt <= time {
                finish(index, pending)
                stateChanged()
            }
            if heat.stacks[index].pending == nil { heat.maybePending.remove(index) }
        }
    }

    private func finish(_ index: Int, _ pending: PendingOperation) {
        let action = pending.action
        var stack = heat.stacks[index]
        stack.pending = nil
        let failing = stack.resources.first { $0.failure != nil }
        var reason: String?
        if case .failed(let message) = pending.outcome { reason = message }
        if action == "CREATE" || action == "UPDATE", let failing, let failure = failing.failure {
            reason = reason ?? "Resource \(action) failed: \(failure)"
        }
        for resource in stack.resources {
            let failed = resource.failure != nil && (action == "CREATE" || action == "UPDATE")
            stack.events.append(
                event(
                    pending.endsAt,
                    resource.name,
                    resource.physicalID,
                    action + (failed ? "_FAILED" : "_COMPLETE"),
                    failed ? resource.failure ?? "" : "state changed"
                )
            )
        }
        stack.status = reason == nil ? "COMPLETE" : "FAILED"
        stack.statusReason = reason ?? "Stack \(action) completed successfully"
        if action == "DELETE", reason == nil {
            stack.deletedAt = pending.endsAt
            stack.resources = []
        }
        if action == "ROLLBACK", reason == nil {
            // A create rolls back to nothing; an update to what it replaced.
            if let previous = stack.previous {
                stack.template = previous.template
                stack.givenParameters = previous.givenParameters
                stack.resources = previous.resources
            } else {
                stack.resources = []
            }
        }
        if action != "UPDATE" || reason == nil { stack.previous = nil }
        stack.events.append(event(pending.endsAt, stack.name, stack.id, stack.fullStatus, stack.statusReason))
        heat[index] = stack
        // Convergence Heat rolls a failed create or update back unless `disable_rollback`
        // (default true): CREATE_FAILED/UPDATE_FAILED, then ROLLBACK_IN_PROGRESS →
        // ROLLBACK_COMPLETE, with no resources (create) or the previous ones (update).
        if action == "CREATE" || action == "UPDATE", reason != nil, !stack.disableRollback {
            startOperation(index, action: "ROLLBACK", duration: configuration.deleteDuration, at: pending.endsAt)
        }
        syncServers(index)
    }

    /// Starts `action` on a stack: IN_PROGRESS events now, the outcome at `endsAt`.
    func startOperation(
        _ index: Int,
        action: String,
        duration: Duration,
        outcome: PendingOperation.Outcome = .complete,
        at start: Date? = nil
    ) {
        let time = start ?? now
        var stack = heat.stacks[index]
        if action == "DELETE", let running = stack.pending, running.action == "CREATE" || running.action == "UPDATE" {
            stack.events.append(
                event(time, stack.name, stack.id, running.action + "_FAILED", "Stack \(running.action) cancelled")
            )
            for resource in stack.resources {
                stack.events.append(
                    event(
                        time,
                        resource.name,
                        resource.physicalID,
                        running.action + "_FAILED",
                        "\(running.action) aborted (user triggered cancel)"
                    )
                )
            }
        }
        stack.action = action
        stack.status = "IN_PROGRESS"
        stack.statusReason = "Stack \(action) started"
        stack.events.append(event(time, stack.name, stack.id, action + "_IN_PROGRESS", stack.statusReason))
        for resource in stack.resources {
            stack.events.append(
                event(time, resource.name, resource.physicalID, action + "_IN_PROGRESS", "state changed")
            )
        }
        var seconds = Self.seconds(duration)
        if action == "CREATE" || action == "UPDATE" {
            seconds += Self.testResourceWait(stack.resources, action: action.lowercased())
        }
        stack.pending = PendingOperation(action: action, endsAt: time.addingTimeInterval(seconds), outcome: outcome)
        // `timeout_mins`: an operation still running at the deadline fails with Heat's reason.
        if action == "CREATE" || action == "UPDATE", let minutes = stack.timeoutMinutes, minutes > 0 {
            let deadline = time.addingTimeInterval(Double(minutes) * Self.seconds(configuration.timeoutMinute))
            if outcome == .stuck || deadline < time.addingTimeInterval(seconds) {
                stack.pending = PendingOperation(action: action, endsAt: deadline, outcome: .failed("Timed out"))
            }
        }
        heat[index] = stack
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The longest `action_wait_secs` of the stack's TestResources for this action.
    private static func testResourceWait(_ resources: [SimStackResource], action: String) -> TimeInterval {
        var longest: TimeInterval = 0
        for resource in resources where resource.type == "OS::Heat::TestResource" {
            let waits = HeatJSON.object(resource.properties)["action_wait_secs"] as? [String: Any]
            longest = max(longest, Double(HeatJSON.string(waits?[action] ?? 0)) ?? 0)
        }
        return longest
    }

    private func event(
        _ time: Date,
        _ name: String,
        _ physicalID: String,
        _ status: String,
        _ reason: String
    )
        -> SimStackEvent
    {
        SimStackEvent(
            id: uuid(),
            time: time,
            resourceName: name,
            physicalID: physicalID,
            status: status,
            reason: reason
        )
    }

    /// Makes Nova's servers match the stack's `OS::Nova::Server` resources (none once deleted).
    func syncServers(_ index: Int) {
        let stack = heat.stacks[index]
        var floating: [String: String] = [:]
        for resource in stack.resources where resource.type == "OS::Neutron::FloatingIP" {
            floating[resource.physicalID] = HeatJSON.object(resource.attributes)["floating_ip_address"] as? String
        }
        var publicByPort: [String: String] = [:]
        var publicByServer: [String: String] = [:]
        for resource in stack.resources {
            let properties = HeatJSON.object(resource.properties)
            switch resource.type {
            case "OS::Neutron::FloatingIP":
                if let port = properties["port_id"] as? String { publicByPort[port] = floating[resource.physicalID] }
            case "OS::Neutron::FloatingIPAssociation":
                if let port = properties["port_id"] as? String, let fip = properties["floatingip_id"] as? String {
                    publicByPort[port] = floating[fip]
                }
            case "OS::Nova::FloatingIPAssociation":
                if let server = properties["server_id"] as? String, let fip = properties["floating_ip"] as? String {
                    publicByServer[server] = floating[fip] ?? fip
                }
            default: break
            }
        }
        var wanted: Set<String> = []
        for resource in stack.resources where resource.type == "OS::Nova::Server" {
            let properties = HeatJSON.object(resource.properties)
            let attributes = HeatJSON.object(resource.attributes)
            var publicIP = publicByServer[resource.physicalID]
            for network in properties["networks"] as? [Any] ?? [] {
                if let port = (network as? [String: Any])?["port"] as? String, let address = publicByPort[port] {
                    publicIP = address
                }
            }
            var metadata: [String: String] = [:]
            for (key, value) in properties["metadata"] as? [String: Any] ?? [:] {
                metadata[key] = HeatEvaluatorText.plain(value)
            }
            wanted.insert(resource.physicalID)
            var server =
                compute.servers[resource.physicalID]
                ?? SimServer(
                    id: resource.physicalID,
                    name: "",
                    projectID: stack.projectID,
                    status: "ACTIVE",
                    flavor: "",
                    image: "",
                    privateIP: "",
                    stackID: stack.id,
                    createdAt: now
                )
            server.name = properties["name"] as? String ?? "\(stack.name)-\(resource.name)"
            server.flavor = HeatJSON.string(properties["flavor"])
            server.image = HeatJSON.string(properties["image"])
            server.keyName = properties["key_name"] as? String
            server.privateIP = attributes["first_address"] as? String ?? ""
            server.publicIP = publicIP
            server.metadata = metadata
            if stack.action == "SUSPEND" || stack.action == "RESUME", stack.status == "COMPLETE" {
                server.status = stack.action == "SUSPEND" ? "SUSPENDED" : "ACTIVE"
            }
            compute.servers[resource.physicalID] = server
        }
        for (id, server) in compute.servers where server.stackID == stack.id && !wanted.contains(id) {
            compute.servers[id] = nil
        }
    }
}

/// Plain text of a JSON value (numbers without Python's bool spelling).
enum HeatEvaluatorText {
    static func plain(_ value: Any) -> String {
        if let string = value as? String { return string }
        if HeatJSON.isBool(value) { return (value as? Bool) == true ? "true" : "false" }
        return HeatEvaluatorText.fallback(value)
    }

    private static func fallback(_ value: Any) -> String {
        value is NSNull ? "" : String(decoding: HeatJSON.data(value), as: UTF8.self)
    }
}
