/// Why the planner chose an action. Raw values are stable, like ``PlanAction``'s.
public enum ActionReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// No stack `vm-<id>` exists.
    case stackMissing = "stack-missing"
    /// The rendered template or parameters differ from the stack's spec tag.
    case specChanged = "spec-changed"
    /// The template reference changed (a new version).
    case templateChanged = "template-changed"
    /// Only heatsync's tags differ (a protection annotation was added, a tag was lost).
    case tagsChanged = "tags-changed"
    /// The server's power state differs from `spec.power`.
    case powerChanged = "power-changed"
    /// A stack of ours exists that the journal does not know (after a crash): it is recorded.
    case untracked = "untracked"
    /// An untagged `vm-<id>` stack exists and the manifest asks to adopt it.
    case adoptRequested = "adopt-requested"
    /// An untagged `vm-<id>` stack exists and the manifest does not ask to adopt it.
    case unmanagedStack = "unmanaged-stack"
    /// The stack carries another heatsync installation's owner tag.
    case otherOwner = "other-owner"
    /// Heat reports the stack as failed.
    case stackFailed = "stack-failed"
    /// Heat is still working on the stack.
    case inProgress = "in-progress"
    /// The manifest says `state: absent`.
    case tombstone = "tombstone"
    /// The manifest is gone from the repository.
    case manifestRemoved = "manifest-removed"
    /// The manifest is gone, and the project does not prune.
    case pruneDisabled = "prune-disabled"
    /// A stack of ours whose VM the journal never knew, in a project of the repository.
    case unknownVM = "unknown-vm"
    /// A stack of ours for a project the repository does not have.
    case unknownProject = "unknown-project"
    /// The VM's manifest has errors; its stack is left alone.
    case manifestInvalid = "manifest-invalid"
    /// A tombstoned VM whose stack is already gone.
    case alreadyAbsent = "already-absent"
    /// Nothing differs.
    case upToDate = "up-to-date"
}
