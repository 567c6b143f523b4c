/// `plan = f(desired, observed, journal)`: the planning rules of DESIGN §3 as a pure function.
///
/// Stacks are matched by name (`vm-<id>`). A stack is *ours* when it carries this
/// installation's owner tag; stacks of other owners are never touched, and an untagged
/// `vm-<id>` stack is adopted only when its manifest asks. Deletes then pass through
/// ``SafetyRules``, which may refuse them.
public enum Planner {
    public static func plan(
        desired: DesiredState,
        observed: [ObservedStack],
        journal: JournalSnapshot? = nil,
        options: PlanOptions = PlanOptions(),
        review: ReviewScope? = nil
    ) -> Plan {
        var stacks: [String: ObservedStack] = [:]
        for stack in observed where !stack.isDeleted && VMID(stackName: stack.name) != nil {
            stacks[stack.name] = stack
        }
        var changesByProject: [String: [PlannedChange]] = [:]
        var matched = Set<String>()

        for project in desired.sortedProjects {
            var changes: [PlannedChange] = []
            for vm in project.vms {
                matched.insert(vm.stackName)
                changes.append(plan(vm, stack: stacks[vm.stackName], journal: journal, options: options))
            }
            for (stackName, vmName) in project.invalidVMs.sorted(by: { $0.key < $1.key }) {
                guard let stack = stacks[stackName], !matched.contains(stackName) else { continue }
                matched.insert(stackName)
                changes.append(
                    PlannedChange(
                        action: .noop,
                        reason: .manifestInvalid,
                        project: project.name,
                        vm: vmName,
                        vmID: VMID(stackName: stackName)!,
                        stackID: stack.id,
                        stackStatus: stack.status
                    )
                )
            }
            changesByProject[project.name] = changes
        }

        for stack in stacks.values where !matched.contains(stack.name) {
            let tags = stack.heatTags
            guard tags.owner == options.owner else { continue }
            let projectName = tags.project ?? ""
            let change = planUnmatched(
                stack,
                tags: tags,
                project: desired.projects[projectName],
                journal: journal,
                options: options
            )
            changesByProject[projectName, default: []].append(change)
        }

        let reviewIndex = review?.index
        var projects: [ProjectPlan] = []
        for (name, changes) in changesByProject {
            let desiredProject = desired.projects[name]
            var changes = changes.sorted { ($0.displayName, $0.stack) < ($1.displayName, $1.stack) }
            SafetyRules.apply(to: &changes, project: desiredProject, options: options)
            if let reviewIndex {
                for index in changes.indices { changes[index].changedInReview = reviewIndex.contains(changes[index]) }
            }
            projects.append(
                ProjectPlan(
                    name: name,
                    cloud: desiredProject?.manifest?.cloud,
                    region: desiredProject?.manifest?.region,
                    inRepository: desiredProject != nil,
                    hasErrors: desiredProject?.hasErrors ?? false,
                    changes: changes
                )
            )
        }
        return Plan(
            options: options,
            desiredCommit: desired.commit,
            desiredDigest: desired.digest,
            observedFingerprint: fingerprint(of: stacks.values),
            projects: projects.sorted { $0.name < $1.name },
            diagnostics: desired.diagnostics.sorted,
            review: review
        )
    }

    /// A digest of what the plan saw of each `vm-*` stack; any change to a stack changes it.
    static func fingerprint(of stacks: some Sequence<ObservedStack>) -> String {
        let lines = stacks.map { stack in
            [
                stack.name, stack.id, stack.status, stack.tags.sorted().joined(separator: ","),
                stack.power?.rawValue ?? "", stack.previewReplacesServer.map(String.init) ?? "",
            ].joined(separator: "|")
        }
        return Hex.sha256(Array(lines.sorted().joined(separator: "\n").utf8))
    }

    // MARK: - One VM

    static func plan(
        _ vm: DesiredVM,
        stack: ObservedStack?,
        journal: JournalSnapshot?,
        options: PlanOptions
    ) -> PlannedChange {
        let tags = stack?.heatTags
        var change = PlannedChange(
            action: .noop,
            reason: .upToDate,
            project: vm.project,
            vm: vm.name,
            vmID: vm.id,
            stackID: stack?.id,
            stackStatus: stack?.status,
            template: vm.rendered.template.description,
            isProtected: vm.manifest.deletionProtection || tags?.isProtected == true,
            source: vm.manifest.location(of: "metadata.name")
        )
        change.specHash = vm.rendered.specHash

        if vm.manifest.spec.state == .absent {
            guard let stack, let tags else {
                change.reason = .alreadyAbsent
                return change
            }
            if tags.owner == nil {
                change.reason = .unmanagedStack
            } else if tags.owner != options.owner {
                change.action = .conflict
                change.reason = .otherOwner
                change.details = [FieldChange(field: "owner", before: tags.owner, after: options.owner)]
            } else {
                change.action = .delete
                change.reason = .tombstone
                change.details = [FieldChange(field: "status", before: stack.status, after: nil)]
            }
            return change
        }

        guard let stack, let tags else {
            change.action = .create
            change.reason = .stackMissing
            change.details = creationDetails(vm)
            return change
        }
        if let owner = tags.owner, owner != options.owner {
            change.action = .conflict
            change.reason = .otherOwner
            change.details = [FieldChange(field: "owner", before: owner, after: options.owner)]
            return change
        }
        if tags.owner == nil {
            change.action = .adopt
            change.details = [
                FieldChange(field: "owner", before: nil, after: options.owner),
                FieldChange(
                    field: "spec",
                    before: nil,
                    after: "compared after adoption; a difference becomes an update"
                ),
            ]
            if vm.manifest.allowsAdoption {
                change.reason = .adoptRequested
            } else {
                change.reason = .unmanagedStack
                change.refusal = Refusal(
                    .adoptNotRequested,
                    "stack \(stack.name) exists but heatsync does not manage it; add the annotation "
                        + "heatsync/adopt: \"true\" to adopt it"
                )
            }
            return change
        }
        if stack.isInProgress {
            change.reason = .inProgress
            return change
        }
        if stack.isFailed || stack.status.hasPrefix("ROLLBACK_") {
            change.action = stack.operation == "UPDATE" ? .retry : .recreate
            change.reason = .stackFailed
            change.replacement = change.action == .recreate ? .replace : .unknown
            if let reason = stack.statusReason {
                change.details = [FieldChange(field: "reason", before: nil, after: reason)]
            }
            let attempts = journal?[vm.id]?.failedAttempts ?? 0
            if attempts >= options.maxFailedAttempts {
                change.refusal = Refusal(
                    .failedTooOften,
                    "the last \(attempts) attempts failed (\(journal?[vm.id]?.lastError ?? stack.statusReason ?? stack.status)); "
                        + "fix the cause, then retry the VM"
                )
            }
            return change
        }

        let desiredTags = vm.tags(owner: options.owner)
        let specChanged = tags.specHash != vm.rendered.specHash
        let templateChanged = tags.template != vm.rendered.template.description
        if specChanged || templateChanged {
            let replaces = stack.previewReplacesServer
            change.action = replaces == true ? .replace : .update
            change.reason = templateChanged ? .templateChanged : .specChanged
            change.replacement = replaces.map { $0 ? .replace : .inPlace } ?? .unknown
            change.details = specDetails(vm, stack: stack, tags: tags, journal: journal?[vm.id])
            if replaces == true, vm.manifest.deletionProtection {
                change.refusal = Refusal(
                    .replaceProtected,
                    "Heat would replace the server of \(vm.name), which has deletion protection; "
                        + "remove the annotation to allow it, or revert the change"
                )
            }
        } else if tags != desiredTags {
            change.action = .update
            change.reason = .tagsChanged
            change.replacement = .inPlace
            let observedTags = Set(stack.tags.filter { $0.hasPrefix(StackTags.marker) })
            let wanted = Set(desiredTags.tags)
            change.details = [
                FieldChange(
                    field: "tags",
                    before: observedTags.subtracting(wanted).sorted().joined(separator: ","),
                    after: wanted.subtracting(observedTags).sorted().joined(separator: ",")
                )
            ]
        } else if let power = stack.power, power != vm.manifest.spec.power {
            change.action = vm.manifest.spec.power == .on ? .start : .stop
            change.reason = .powerChanged
        } else if let journal, journal[vm.id] == nil {
            change.reason = .untracked
        }
        if let power = stack.power, power != vm.manifest.spec.power {
            change.details.append(
                FieldChange(field: "power", before: power.rawValue, after: vm.manifest.spec.power.rawValue)
            )
        }
        return change
    }

    // MARK: - Stacks without a manifest

    static func planUnmatched(
        _ stack: ObservedStack,
        tags: StackTags,
        project: DesiredProject?,
        journal: JournalSnapshot?,
        options: PlanOptions
    ) -> PlannedChange {
        let id = VMID(stackName: stack.name)!
        var change = PlannedChange(
            action: .delete,
            reason: .manifestRemoved,
            project: tags.project ?? "",
            vm: tags.name,
            vmID: id,
            stackID: stack.id,
            stackStatus: stack.status,
            template: tags.template,
            isProtected: tags.isProtected,
            details: [FieldChange(field: "status", before: stack.status, after: nil)]
        )
        if project == nil {
            change.reason = .unknownProject
        } else if let journal, journal[id] == nil {
            change.reason = .unknownVM
        } else if project?.manifest?.safety.prune == false {
            change.action = .orphan
            change.reason = .pruneDisabled
            change.details = [FieldChange(field: "status", before: nil, after: stack.status)]
            return change
        } else {
            return change
        }
        if !options.pruneOrphans { change.action = .orphan }
        if change.action == .orphan {
            change.details = [FieldChange(field: "status", before: nil, after: stack.status)]
        }
        return change
    }
}
