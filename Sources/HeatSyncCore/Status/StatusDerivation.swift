/// Derives a VM's ``VMStatus`` from what is known of it. Pure: the engine, `status` and the
/// controller all call this one function, so every view agrees.
public enum StatusDerivation {
    /// What is known about one VM.
    public struct Inputs: Sendable, Hashable {
        /// `present`/`absent` from the manifest; nil when no manifest mentions the VM.
        public var desired: DesiredPresence?
        /// The desired spec hash, when the manifest is valid.
        public var desiredSpec: String?
        public var desiredPower: PowerState
        /// The observed stack; nil when there is none.
        public var stack: ObservedStack?
        /// The action of the VM's open operation, if any.
        public var inFlight: PlanAction?
        /// The last operation failed with this message.
        public var lastError: String?

        public init(
            desired: DesiredPresence?,
            desiredSpec: String? = nil,
            desiredPower: PowerState = .on,
            stack: ObservedStack?,
            inFlight: PlanAction? = nil,
            lastError: String? = nil
        ) {
            self.desired = desired
            self.desiredSpec = desiredSpec
            self.desiredPower = desiredPower
            self.stack = stack
            self.inFlight = inFlight
            self.lastError = lastError
        }
    }

    public static func status(_ inputs: Inputs) -> VMStatus {
        let stack = inputs.stack.flatMap { $0.isDeleted ? nil : $0 }
        if let action = inputs.inFlight {
            switch action {
            case .create, .recreate: return .provisioning
            case .delete: return .deleting
            case .update, .replace, .retry, .adopt, .start, .stop: return .updating
            case .orphan, .conflict, .noop: break
            }
        }
        guard let stack else {
            switch inputs.desired {
            case .present: return inputs.lastError == nil ? .pending : .error
            case .absent, nil: return .deleted
            }
        }
        if stack.status.hasPrefix("DELETE_IN_PROGRESS") { return .deleting }
        guard let desired = inputs.desired else { return .orphaned }
        if stack.isFailed || stack.status.hasPrefix("ROLLBACK_") { return .error }
        if stack.isInProgress { return stack.operation == "CREATE" ? .provisioning : .updating }
        if desired == .absent { return .drifted }
        if let spec = inputs.desiredSpec, stack.heatTags.specHash != spec { return .drifted }
        if stack.power == .off { return inputs.desiredPower == .off ? .stopped : .drifted }
        if stack.power == .on, inputs.desiredPower == .off { return .drifted }
        return .active
    }
}
