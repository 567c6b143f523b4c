import Foundation
import HeatSyncCore
import HeatSyncStore

/// How an operation's outcome changes the VM's journal row.
extension VMRecord {
    mutating func apply(success change: PlannedChange, vm: DesiredVM?, stack: ObservedStack?, at: Date) {
        updatedAt = at
        lastError = nil
        failedAttempts = 0
        desiredState = vm?.manifest.spec.state ?? (change.action == .delete ? .absent : desiredState)
        guard let stack, change.action != .delete else {
            stackID = nil
            stackStatus = "DELETE_COMPLETE"
            statusReason = nil
            status = .deleted
            outputs = [:]
            return
        }
        stackID = stack.id
        stackStatus = stack.status
        statusReason = stack.statusReason
        if let outputs = stack.outputs { self.outputs = outputs }
        if change.action == .adopt {
            // Adoption tags the stack without claiming its spec: the next plan compares it.
            template = stack.heatTags.template
        } else if let vm {
            specHash = vm.rendered.specHash
            template = vm.rendered.template.description
            appliedParameters = vm.rendered.parameters
        }
        status = StatusDerivation.status(
            .init(
                desired: vm?.manifest.spec.state,
                desiredSpec: change.action == .adopt ? nil : vm?.rendered.specHash,
                desiredPower: vm?.manifest.spec.power ?? .on,
                stack: stack
            )
        )
        if status == .active, let requestedAt {
            activeAt = at
            timeToActive = at.timeIntervalSince(requestedAt)
        }
    }

    mutating func apply(failure message: String, at: Date) {
        updatedAt = at
        lastError = message
        failedAttempts += 1
        status = .error
    }
}
