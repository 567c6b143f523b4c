import Foundation
import HeatSyncCore
import HeatSyncStore

/// How an operation's outcome changes the VM's journal row: one place for the apply path
/// and for recovery, so both record the same facts the same way.
extension VMRecord {
    /// The VM's stack is gone, as wanted.
    mutating func recordDeleted(at: Date) {
        updatedAt = at
        lastError = nil
        failedAttempts = 0
        desiredState = .absent
        stackID = nil
        stackStatus = "DELETE_COMPLETE"
        statusReason = nil
        status = .deleted
        outputs = [:]
    }

    /// The VM's stack settled after an operation that succeeded.
    /// - Parameters:
    ///   - claimedSpec: the spec hash the stack now carries because of us; nil after an adopt,
    ///     which tags a stack without claiming its spec (the next plan compares it).
    ///   - vm: the manifest, when the operation came from one (recovery has none at hand).
    mutating func recordSettled(_ stack: ObservedStack, claimedSpec: String?, vm: DesiredVM?, at: Date) {
        updatedAt = at
        lastError = nil
        failedAttempts = 0
        if let vm { desiredState = vm.manifest.spec.state }
        stackID = stack.id
        stackStatus = stack.status
        statusReason = stack.statusReason
        if let outputs = stack.outputs { self.outputs = outputs }
        template = stack.heatTags.template ?? template
        if let claimedSpec {
            specHash = claimedSpec
            if let vm, vm.rendered.specHash == claimedSpec { appliedParameters = vm.rendered.parameters }
        }
        status = StatusDerivation.status(
            .init(
                desired: desiredState,
                desiredSpec: vm?.rendered.specHash ?? claimedSpec,
                desiredPower: vm?.manifest.spec.power ?? .on,
                stack: stack
            )
        )
        if status == .active, let requestedAt {
            activeAt = at
            timeToActive = at.timeIntervalSince(requestedAt)
        }
    }

    /// The operation failed; `stack` is what Heat last showed, when known.
    mutating func recordFailure(_ message: String, stack: ObservedStack? = nil, at: Date) {
        updatedAt = at
        lastError = message
        failedAttempts += 1
        status = .error
        if let stack {
            stackStatus = stack.status
            statusReason = stack.statusReason
        }
    }
}
