/// The plan's entry for one VM (or one stack without a VM).
public struct PlannedChange: Sendable, Hashable, Codable {
    /// Whether an update keeps the server or rebuilds it.
    public enum Replacement: String, Sendable, Hashable, Codable {
        case inPlace = "in-place"
        case replace
        /// No update preview was asked for.
        case unknown
    }

    public var action: PlanAction
    public var reason: ActionReason
    public var project: String
    /// The VM's name; for a stack without a manifest, the name in its tags, if any.
    public var vm: String?
    public var vmID: VMID
    public var stack: String
    public var stackID: String?
    public var stackStatus: String?
    public var template: String?
    /// The desired spec hash (`heatsync-spec`), for VMs with a valid manifest.
    public var specHash: String?
    public var replacement: Replacement?
    public var refusal: Refusal?
    /// Deletion protection, from the manifest's annotation or the stack's `heatsync-protected` tag.
    public var isProtected: Bool
    public var details: [FieldChange]
    /// The manifest position (`file:line:column`) the change comes from.
    public var source: SourceLocation?
    /// Whether the change comes from a file the pull request under review changed; nil when
    /// the plan was not made for a review (see ``ReviewScope``).
    public var changedInReview: Bool?

    public init(
        action: PlanAction,
        reason: ActionReason,
        project: String,
        vm: String?,
        vmID: VMID,
        stackID: String? = nil,
        stackStatus: String? = nil,
        template: String? = nil,
        replacement: Replacement? = nil,
        refusal: Refusal? = nil,
        isProtected: Bool = false,
        details: [FieldChange] = [],
        source: SourceLocation? = nil
    ) {
        self.action = action
        self.reason = reason
        self.project = project
        self.vm = vm
        self.vmID = vmID
        self.stack = vmID.stackName
        self.stackID = stackID
        self.stackStatus = stackStatus
        self.template = template
        self.replacement = replacement
        self.refusal = refusal
        self.isProtected = isProtected
        self.details = details
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case action, reason, project, vm, stack, template, replacement, refusal, details, source
        case specHash = "spec_hash"
        case vmID = "vm_id"
        case stackID = "stack_id"
        case stackStatus = "stack_status"
        case isProtected = "protected"
        case changedInReview = "changed_in_review"
    }

    /// Whether applying the plan will carry this change out.
    public var isExecutable: Bool { refusal == nil && action.changesCloud }
    public var isRefused: Bool { refusal != nil }
    public var displayName: String { vm ?? stack }
}

/// One visible difference: a parameter, a tag or the power state, before and after.
public struct FieldChange: Sendable, Hashable, Codable {
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }
}
