/// A VM's status as users see it (DESIGN §4), derived from the desired state, the observed
/// stack and the VM's in-flight operation. Raw values are stable: they appear in the status
/// report, `status --json`, the API and metric labels.
public enum VMStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Wanted, not yet asked of Heat.
    case pending = "PENDING"
    /// A create (or recreate) is running.
    case provisioning = "PROVISIONING"
    case active = "ACTIVE"
    /// An update, adopt or retry is running.
    case updating = "UPDATING"
    /// The stack is complete and the server is powered off.
    case stopped = "STOPPED"
    case deleting = "DELETING"
    case deleted = "DELETED"
    /// The last operation failed, or the stack is `*_FAILED`.
    case error = "ERROR"
    /// The stack differs from the manifest and no operation is running.
    case drifted = "DRIFTED"
    /// A stack of ours that no manifest accounts for.
    case orphaned = "ORPHANED"
}
