public import HeatSyncCore
public import HeatSyncOpenStack

/// Reads the observed state the planner needs from a cloud: one paginated stack list filtered
/// by this installation's owner tag, plus a look for desired VMs the list did not return (an
/// untagged `vm-<id>` stack in the way of a create must be seen, so it is adopted or
/// reported, never collided with). In a steady state that is one list and no lookups.
///
/// The look is a name lookup per VM when few VMs are missing, and one unfiltered list of the
/// cloud project's stacks when many are: either way the cost is bounded by list pages, never
/// one request per VM of a large fleet.
public struct CloudObserver: Sendable {
    public let heat: HeatClient
    /// Above this many missing VMs, one unfiltered list is cheaper than a lookup each.
    public var lookupLimit: Int

    public init(heat: HeatClient, lookupLimit: Int = 10) {
        self.heat = heat
        self.lookupLimit = lookupLimit
    }

    public func observe(_ vms: [DesiredVM], owner: String) async throws -> [ObservedStack] {
        let listed = try await heat.listStacks(tags: ["heatsync-owner=\(owner)"])
        var observed = listed.map(Self.observed)
        let seen = Set(listed.map(\.name))
        let missing = vms.filter { !seen.contains($0.stackName) && $0.manifest.spec.state == .present }
        if missing.count > lookupLimit {
            let wanted = Set(missing.map(\.stackName))
            let all = try await heat.listStacks(tags: [])
            observed += all.filter { wanted.contains($0.name) }.map(Self.observed)
        } else {
            for vm in missing {
                if let stack = try await heat.findStack(name: vm.stackName) { observed.append(Self.observed(stack)) }
            }
        }
        return observed
    }

    /// Observes every cloud the desired state uses, plus `extraClouds` (clouds the journal
    /// knows VMs in), each once.
    public static func observe(
        _ desired: DesiredState,
        connections: CloudConnections,
        owner: String,
        extraClouds: Set<String?> = []
    ) async throws -> [ObservedStack] {
        var vmsByCloud: [String?: [DesiredVM]] = [:]
        for project in desired.projects.values {
            vmsByCloud[connections.cloud(for: project), default: []].append(contentsOf: project.vms)
        }
        if vmsByCloud.isEmpty { vmsByCloud[connections.fallbackCloud] = [] }
        for cloud in extraClouds where vmsByCloud[cloud] == nil { vmsByCloud[cloud] = [] }
        var observed: [ObservedStack] = []
        for (cloud, vms) in vmsByCloud.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
            let clients = try await connections.clients(cloud: cloud)
            observed += try await CloudObserver(heat: clients.heat).observe(vms, owner: owner)
        }
        return observed
    }

    static func observed(_ stack: HeatStack) -> ObservedStack {
        ObservedStack(
            name: stack.name,
            id: stack.id,
            status: stack.status,
            statusReason: stack.statusReason,
            tags: stack.tags,
            outputs: stack.outputs,
            parameters: stack.parameters
        )
    }
}
