public import HeatSyncCore
public import HeatSyncStore

/// Assembles the ``StatusReport`` from the three sources of truth: the desired state (git),
/// the journal (what heatsync did), and — when read — the observed stacks (Heat). Every VM
/// of any of them gets one row; the status comes from ``StatusDerivation``.
public enum StatusReportBuilder {
    public static func build(
        desired: DesiredState,
        journal: [VMRecord],
        openOperations: [OperationRecord],
        observed: [ObservedStack]?,
        owner: String,
        events: [VMID: [StackEventRecord]] = [:]
    ) -> StatusReport {
        let records = Dictionary(journal.map { ($0.vmID, $0) }) { first, _ in first }
        let inFlight = Dictionary(openOperations.map { ($0.vmID, $0.action) }) { first, _ in first }
        var stacks: [String: ObservedStack] = [:]
        for stack in observed ?? [] where !stack.isDeleted { stacks[stack.name] = stack }
        var rows: [VMStatusRow] = []
        var seen = Set<VMID>()

        for project in desired.sortedProjects {
            for vm in project.vms {
                seen.insert(vm.id)
                rows.append(
                    row(
                        id: vm.id,
                        project: vm.project,
                        name: vm.name,
                        vm: vm,
                        record: records[vm.id],
                        stack: observed == nil ? nil : stacks[vm.stackName],
                        observed: observed != nil,
                        inFlight: inFlight[vm.id],
                        events: events[vm.id] ?? []
                    )
                )
            }
        }
        for record in journal where !seen.contains(record.vmID) {
            seen.insert(record.vmID)
            let stack = stacks[record.stackName]
            // A VM gone from git and from Heat is history, not status.
            if observed != nil, stack == nil, inFlight[record.vmID] == nil { continue }
            if observed == nil, record.status == .deleted { continue }
            rows.append(
                row(
                    id: record.vmID,
                    project: record.project,
                    name: record.name,
                    vm: nil,
                    record: record,
                    stack: stack,
                    observed: observed != nil,
                    inFlight: inFlight[record.vmID],
                    events: events[record.vmID] ?? []
                )
            )
        }
        for stack in stacks.values {
            let tags = stack.heatTags
            guard tags.owner == owner, let id = VMID(stackName: stack.name), !seen.contains(id) else { continue }
            rows.append(
                row(
                    id: id,
                    project: tags.project ?? "",
                    name: tags.name ?? stack.name,
                    vm: nil,
                    record: nil,
                    stack: stack,
                    observed: true,
                    inFlight: nil,
                    events: []
                )
            )
        }
        return StatusReport(desiredCommit: desired.commit, observed: observed != nil, vms: rows)
    }

    private static func row(
        id: VMID,
        project: String,
        name: String,
        vm: DesiredVM?,
        record: VMRecord?,
        stack: ObservedStack?,
        observed: Bool,
        inFlight: PlanAction?,
        events: [StackEventRecord]
    ) -> VMStatusRow {
        // Offline, the journal's last observation stands in for the cloud.
        let seen =
            observed
            ? stack
            : record.flatMap { record in
                record.stackID.map { id in
                    ObservedStack(
                        name: record.stackName,
                        id: id,
                        status: record.stackStatus ?? "UNKNOWN",
                        statusReason: record.statusReason,
                        tags: StackTags(
                            owner: nil,
                            project: record.project,
                            name: record.name,
                            specHash: record.specHash,
                            template: record.template
                        ).tags
                    )
                }
            }
        // Without a manifest, a stack is an orphan; offline, the journal remembers what was wanted.
        let presence = vm?.manifest.spec.state ?? (observed ? nil : record?.desiredState)
        var status = StatusDerivation.status(
            .init(
                desired: presence,
                desiredSpec: vm?.rendered.specHash,
                desiredPower: vm?.manifest.spec.power ?? .on,
                stack: seen,
                inFlight: inFlight,
                lastError: record?.lastError
            )
        )
        // A failed last operation is the news, unless the VM has recovered or is being worked on.
        if record?.lastError != nil, status != .active, seen?.isInProgress != true, inFlight == nil { status = .error }
        return VMStatusRow(
            project: project,
            name: name,
            vmID: id,
            stackID: seen?.id ?? record?.stackID,
            status: status,
            stackStatus: seen?.status,
            statusReason: seen?.statusReason ?? record?.statusReason,
            template: vm?.rendered.template.description ?? record?.template,
            outputs: (seen?.outputs ?? [:]).merging(record?.outputs ?? [:]) { observed, _ in observed },
            lastError: record?.lastError,
            timeToActive: record?.timeToActive,
            inFlight: inFlight,
            events: events.map {
                StatusEvent(
                    time: Timestamps.iso8601($0.at),
                    resource: $0.resourceName,
                    status: $0.status,
                    reason: $0.reason
                )
            }
        )
    }
}
