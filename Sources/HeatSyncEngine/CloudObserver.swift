public import HeatSyncCore
public import HeatSyncOpenStack

/// Reads the observed state the planner needs from a cloud: one paginated stack list filtered
/// by this installation's owner tag, plus a name lookup only for desired VMs the list did not
/// return (an untagged `vm-<id>` stack in the way of a create must be seen, so it is adopted
/// or reported, never collided with). In a steady state that is one list and no lookups.
public struct CloudObserver: Sendable {
    public let heat: HeatClient

    public init(heat: HeatClient) {
        self.heat = heat
    }

    public func observe(_ vms: [DesiredVM], owner: String) async throws -> [ObservedStack] {
        let listed = try await heat.listStacks(tags: ["heatsync-owner=\(owner)"])
        var observed = listed.map(Self.observed)
        let seen = Set(listed.map(\.name))
        for vm in vms where !seen.contains(vm.stackName) && vm.manifest.spec.state == .present {
            if let stack = try await heat.findStack(name: vm.stackName) { observed.append(Self.observed(stack)) }
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
