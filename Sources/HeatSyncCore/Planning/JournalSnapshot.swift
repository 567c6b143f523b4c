/// What the journal (the store) knows about VMs, as a plain value for the planner. An
/// absent snapshot (`nil`) means "no journal was consulted", as in a pull-request plan.
public struct JournalSnapshot: Sendable, Hashable, Codable {
    public var entries: [String: JournalEntry]

    public init(entries: [JournalEntry] = []) {
        self.entries = Dictionary(entries.map { ($0.vmID.rawValue, $0) }) { first, _ in first }
    }

    public subscript(id: VMID) -> JournalEntry? { entries[id.rawValue] }
}

/// The journal's record of one VM.
public struct JournalEntry: Sendable, Hashable, Codable {
    public var vmID: VMID
    public var project: String
    public var name: String
    public var stackID: String?
    /// Parameters last applied, so an update can show what changes.
    public var appliedParameters: [String: String]?
    /// Consecutive failed attempts of the current operation.
    public var failedAttempts: Int
    public var lastError: String?

    public init(
        vmID: VMID,
        project: String,
        name: String,
        stackID: String? = nil,
        appliedParameters: [String: String]? = nil,
        failedAttempts: Int = 0,
        lastError: String? = nil
    ) {
        self.vmID = vmID
        self.project = project
        self.name = name
        self.stackID = stackID
        self.appliedParameters = appliedParameters
        self.failedAttempts = failedAttempts
        self.lastError = lastError
    }

    enum CodingKeys: String, CodingKey {
        case vmID = "vm_id"
        case project, name
        case stackID = "stack_id"
        case appliedParameters = "applied_parameters"
        case failedAttempts = "failed_attempts"
        case lastError = "last_error"
    }
}
