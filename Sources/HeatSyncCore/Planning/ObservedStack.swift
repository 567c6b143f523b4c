/// A Heat stack as observed: what one tag-filtered stack list returns, plus what later
/// reads may add (server power state, parameters, an update preview). A plain value so
/// planning needs no cloud; `plan --observed FILE` reads a JSON array of these.
public struct ObservedStack: Sendable, Hashable, Codable {
    public var name: String
    public var id: String
    /// Heat's `stack_status`, e.g. `CREATE_COMPLETE`.
    public var status: String
    public var statusReason: String?
    public var tags: [String]
    public var outputs: [String: String]?
    /// The stack's parameters as Heat returns them (strings), when they were read.
    public var parameters: [String: String]?
    /// The server's power state, when it was read from Nova.
    public var power: PowerState?
    /// Heat's update preview for the pending change: true when it would replace the server.
    public var previewReplacesServer: Bool?

    public init(
        name: String,
        id: String,
        status: String,
        statusReason: String? = nil,
        tags: [String] = [],
        outputs: [String: String]? = nil,
        parameters: [String: String]? = nil,
        power: PowerState? = nil,
        previewReplacesServer: Bool? = nil
    ) {
        self.name = name
        self.id = id
        self.status = status
        self.statusReason = statusReason
        self.tags = tags
        self.outputs = outputs
        self.parameters = parameters
        self.power = power
        self.previewReplacesServer = previewReplacesServer
    }

    enum CodingKeys: String, CodingKey {
        case name, id, status, tags, outputs, parameters, power
        case statusReason = "status_reason"
        case previewReplacesServer = "preview_replaces_server"
    }

    public var heatTags: StackTags { StackTags(parsing: tags) }

    /// The part of the status before the state: `CREATE`, `UPDATE`, `DELETE`, `ROLLBACK`…
    public var operation: String { String(status.split(separator: "_").first ?? "") }

    public var isInProgress: Bool { status.hasSuffix("_IN_PROGRESS") }
    public var isFailed: Bool { status.hasSuffix("_FAILED") }
    /// `DELETE_COMPLETE` stacks stay readable in real Heat; heatsync treats them as absent.
    public var isDeleted: Bool { status == "DELETE_COMPLETE" }
}
