public import Foundation
public import HeatSyncCore

/// The journal's row for one VM: what was asked, what was last seen, and how it went.
public struct VMRecord: Sendable, Hashable, Codable {
    public var vmID: VMID
    public var project: String
    public var name: String
    public var cloud: String?
    public var stackID: String?
    public var desiredState: DesiredPresence
    /// The spec hash last applied successfully.
    public var specHash: String?
    public var template: String?
    /// The parameters last applied successfully (shown as "before" by the next update).
    public var appliedParameters: [String: String]?
    /// Heat's last observed `stack_status` and reason.
    public var stackStatus: String?
    public var statusReason: String?
    public var status: VMStatus
    public var outputs: [String: String]
    public var lastError: String?
    /// Consecutive failed operations; reset by a success.
    public var failedAttempts: Int
    /// When the operation that is bringing the VM up was asked for.
    public var requestedAt: Date?
    /// When the VM last became ACTIVE, and how long that took from `requestedAt`.
    public var activeAt: Date?
    public var timeToActive: Double?
    public var updatedAt: Date

    public init(
        vmID: VMID,
        project: String,
        name: String,
        cloud: String? = nil,
        stackID: String? = nil,
        desiredState: DesiredPresence = .present,
        specHash: String? = nil,
        template: String? = nil,
        appliedParameters: [String: String]? = nil,
        stackStatus: String? = nil,
        statusReason: String? = nil,
        status: VMStatus = .pending,
        outputs: [String: String] = [:],
        lastError: String? = nil,
        failedAttempts: Int = 0,
        requestedAt: Date? = nil,
        activeAt: Date? = nil,
        timeToActive: Double? = nil,
        updatedAt: Date
    ) {
        self.vmID = vmID
        self.project = project
        self.name = name
        self.cloud = cloud
        self.stackID = stackID
        self.desiredState = desiredState
        self.specHash = specHash
        self.template = template
        self.appliedParameters = appliedParameters
        self.stackStatus = stackStatus
        self.statusReason = statusReason
        self.status = status
        self.outputs = outputs
        self.lastError = lastError
        self.failedAttempts = failedAttempts
        self.requestedAt = requestedAt
        self.activeAt = activeAt
        self.timeToActive = timeToActive
        self.updatedAt = updatedAt
    }

    public var stackName: String { vmID.stackName }

    /// The planner's view of this row.
    public var journalEntry: JournalEntry {
        JournalEntry(
            vmID: vmID,
            project: project,
            name: name,
            stackID: stackID,
            appliedParameters: appliedParameters,
            failedAttempts: failedAttempts,
            lastError: lastError
        )
    }
}
