import HeatSyncCore
import HeatSyncOpenStack

/// The cloud calls of one planned change, and the waits between them.
struct StackAction: Sendable {
    let clients: CloudConnections.Clients
    let waiter: StackWaiter
    let options: ApplyOptions
    let cloud: String?
    /// Called once Heat has accepted the request (the journal marks the operation submitted).
    let submitted: @Sendable (String) async -> Void

    var heat: HeatClient { clients.heat }

    /// Performs `change`; returns the settled stack (nil after a delete).
    func perform(_ change: PlannedChange, vm: DesiredVM?) async throws -> ObservedStack? {
        switch change.action {
        case .create:
            return try await create(change, vm: try required(vm, change))
        case .recreate:
            if let stackID = change.stackID { try await delete(change, stackID: stackID) }
            return try await create(change, vm: try required(vm, change))
        case .update, .replace, .retry:
            return try await update(change, vm: try required(vm, change), stackID: try stackID(change))
        case .adopt:
            return try await adopt(change, vm: try required(vm, change), stackID: try stackID(change))
        case .delete:
            try await delete(change, stackID: try stackID(change))
            return nil
        case .start, .stop:
            return try await power(change, stackID: try stackID(change))
        case .orphan, .conflict, .noop:
            return nil
        }
    }

    // MARK: Create

    private func create(_ change: PlannedChange, vm: DesiredVM) async throws -> ObservedStack? {
        let tags = vm.tags(owner: options.owner).tags
        let minutes = max(1, Int(options.actionTimeout.components.seconds / 60))
        var stackID: String
        do {
            stackID = try await heat.createStack(
                name: vm.stackName,
                templateJSON: vm.rendered.body.canonicalText,
                parameters: vm.rendered.parameters,
                tags: tags,
                timeoutMinutes: minutes
            )
        } catch let error as OpenStackError where error.kind == .conflict {
            // The name exists after all (created since the plan looked): resume ours, adopt an
            // unmanaged one only when the manifest asks, never touch another owner's.
            guard let found = try await heat.findStack(name: vm.stackName) else { throw error }
            let owner = StackTags(parsing: found.tags).owner
            if owner == options.owner {
                stackID = found.id
            } else if owner == nil, vm.manifest.allowsAdoption {
                return try await adopt(change, vm: vm, stackID: found.id)
            } else {
                throw ApplyError.notOurs(vm.stackName, owner: owner)
            }
        } catch let error as OpenStackError
            where error.kind == .unavailable || error.kind == .timeout || error.kind == .transport
        {
            // No answer does not mean no stack (a 500 may follow a commit): look before
            // anything else, and never POST twice.
            guard let found = try? await heat.findStack(name: vm.stackName),
                StackTags(parsing: found.tags).owner == options.owner
            else { throw error }
            stackID = found.id
        }
        await submitted(stackID)
        return try await settle(change)
    }

    // MARK: Update, adopt

    private func update(_ change: PlannedChange, vm: DesiredVM, stackID: String) async throws -> ObservedStack? {
        // PATCH keeps what is not sent; a new template may drop parameters, so a template
        // change replaces everything (PUT), always with the full tag list.
        try await heat.updateStack(
            name: vm.stackName,
            id: stackID,
            templateJSON: vm.rendered.body.canonicalText,
            parameters: vm.rendered.parameters,
            tags: vm.tags(owner: options.owner).tags,
            patch: change.reason != .templateChanged
        )
        await submitted(stackID)
        return try await settle(change)
    }

    private func adopt(_ change: PlannedChange, vm: DesiredVM, stackID: String) async throws -> ObservedStack? {
        // Tag only (PATCH with tags keeps template and parameters). The spec tag is left out:
        // the stack was not built from our template, so the next plan compares and updates.
        var tags = vm.tags(owner: options.owner)
        tags.specHash = nil
        try await heat.updateTags(name: vm.stackName, id: stackID, tags: tags.tags)
        await submitted(stackID)
        return try await settle(change)
    }

    // MARK: Delete

    private func delete(_ change: PlannedChange, stackID: String) async throws {
        do {
            try await heat.deleteStack(name: change.stack, id: stackID)
        } catch let error as OpenStackError where error.kind == .conflict {
            // Some clouds refuse a delete while an operation runs: wait for it, then delete.
            _ = try await waiter.wait(
                for: change.stack,
                project: change.project,
                cloud: cloud,
                goal: .settled,
                timeout: options.actionTimeout
            )
            try await heat.deleteStack(name: change.stack, id: stackID)
        }
        await submitted(stackID)
        let left = try await waiter.wait(
            for: change.stack,
            project: change.project,
            cloud: cloud,
            goal: .gone,
            timeout: options.actionTimeout
        )
        if let left {
            throw ApplyError.stackFailed(change.stack, id: left.id, status: left.status, reason: left.statusReason)
        }
    }

    // MARK: Power

    private func power(_ change: PlannedChange, stackID: String) async throws -> ObservedStack? {
        guard let stack = try await heat.stack(name: change.stack, id: stackID) else {
            throw ApplyError.stackVanished(change.stack)
        }
        guard let server = stack.outputs?["server_id"], !server.isEmpty else {
            throw ApplyError.stackFailed(
                change.stack,
                id: stack.id,
                status: stack.status,
                reason: "the stack has no server_id output"
            )
        }
        try await clients.nova.perform(change.action == .start ? .start : .stop, server: server)
        var observed = CloudObserver.observed(stack)
        observed.power = change.action == .start ? .on : .off
        return observed
    }

    // MARK: Waiting

    /// Waits for the stack to leave `*_IN_PROGRESS`; success is any `*_COMPLETE` but a
    /// rollback's. Then reads the stack once for its outputs (server id and addresses).
    private func settle(_ change: PlannedChange) async throws -> ObservedStack? {
        let settled = try await waiter.wait(
            for: change.stack,
            project: change.project,
            cloud: cloud,
            goal: .settled,
            timeout: options.actionTimeout
        )
        guard let settled else { throw ApplyError.stackVanished(change.stack) }
        guard settled.status.hasSuffix("_COMPLETE"), !settled.status.hasPrefix("ROLLBACK"), !settled.isDeleted else {
            throw ApplyError.stackFailed(
                change.stack,
                id: settled.id,
                status: settled.status,
                reason: settled.statusReason
            )
        }
        guard let full = try await heat.stack(name: change.stack, id: settled.id) else {
            throw ApplyError.stackVanished(change.stack)
        }
        return CloudObserver.observed(full)
    }

    private func required(_ vm: DesiredVM?, _ change: PlannedChange) throws -> DesiredVM {
        guard let vm else {
            throw ApplyError.stackFailed(
                change.stack,
                id: change.stackID,
                status: change.stackStatus ?? "-",
                reason: "no valid manifest for \(change.displayName)"
            )
        }
        return vm
    }

    private func stackID(_ change: PlannedChange) throws -> String {
        guard let id = change.stackID else { throw ApplyError.stackVanished(change.stack) }
        return id
    }
}
