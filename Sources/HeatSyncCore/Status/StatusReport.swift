/// What heatsync knows about every VM, for `heatsync status`, the generated
/// `status/README.md` + `status/vms.json`, and the API. A plain value, sorted by project and
/// VM name, with no clock inside: the caller stamps it.
public struct StatusReport: Sendable, Hashable, Codable {
    public static let formatVersion = "1"
    public var formatVersion: String
    public var desiredCommit: String?
    /// Whether the cloud was read (false: from the journal only, `status --offline`).
    public var observed: Bool
    public var vms: [VMStatusRow]

    public init(desiredCommit: String?, observed: Bool, vms: [VMStatusRow]) {
        formatVersion = Self.formatVersion
        self.desiredCommit = desiredCommit
        self.observed = observed
        self.vms = vms.sorted { ($0.project, $0.name, $0.stack) < ($1.project, $1.name, $1.stack) }
    }

    /// VMs per status, for the summary line.
    public var counts: [VMStatus: Int] {
        vms.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case desiredCommit = "desired_commit"
        case observed, vms
    }
}

/// One VM's line of the status report.
public struct VMStatusRow: Sendable, Hashable, Codable {
    public var project: String
    public var name: String
    public var vmID: VMID
    public var stack: String
    public var stackID: String?
    public var status: VMStatus
    public var stackStatus: String?
    public var statusReason: String?
    public var template: String?
    /// `server_id`, `private_ip`, `public_ip` (when known).
    public var outputs: [String: String]
    public var lastError: String?
    /// Seconds from the request to ACTIVE, for the last create or update.
    public var timeToActive: Double?
    /// The action running now, if any.
    public var inFlight: PlanAction?
    /// The newest Heat events, newest first.
    public var events: [StatusEvent]

    public init(
        project: String,
        name: String,
        vmID: VMID,
        stackID: String? = nil,
        status: VMStatus,
        stackStatus: String? = nil,
        statusReason: String? = nil,
        template: String? = nil,
        outputs: [String: String] = [:],
        lastError: String? = nil,
        timeToActive: Double? = nil,
        inFlight: PlanAction? = nil,
        events: [StatusEvent] = []
    ) {
        self.project = project
        self.name = name
        self.vmID = vmID
        self.stack = vmID.stackName
        self.stackID = stackID
        self.status = status
        self.stackStatus = stackStatus
        self.statusReason = statusReason
        self.template = template
        self.outputs = outputs
        self.lastError = lastError
        self.timeToActive = timeToActive
        self.inFlight = inFlight
        self.events = events
    }

    enum CodingKeys: String, CodingKey {
        case project, name, stack, status, template, outputs, events
        case vmID = "vm_id"
        case stackID = "stack_id"
        case stackStatus = "stack_status"
        case statusReason = "status_reason"
        case lastError = "last_error"
        case timeToActive = "time_to_active_seconds"
        case inFlight = "in_flight"
    }
}

/// A Heat event as shown in the status report.
public struct StatusEvent: Sendable, Hashable, Codable {
    /// ISO 8601, as Heat gives it.
    public var time: String
    public var resource: String
    public var status: String
    public var reason: String?

    public init(time: String, resource: String, status: String, reason: String?) {
        self.time = time
        self.resource = resource
        self.status = status
        self.reason = reason
    }
}
