public import Foundation
public import HeatSyncCore

/// Where an operation is in its life. Valid transitions:
/// `pending → submitted → succeeded | failed`, and `pending | submitted → abandoned`
/// (resume found the cloud never saw it, or saw it finish differently; the next plan decides
/// again). `pending` and `submitted` are *open*: at most one open operation exists per VM.
public enum OperationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Intent written; the first cloud call may or may not have happened.
    case pending
    /// Heat accepted the request; waiting for the stack to settle.
    case submitted
    case succeeded
    case failed
    case abandoned

    public var isOpen: Bool { self == .pending || self == .submitted }
}

/// One journaled action on one VM: written before the first cloud call, completed after
/// (DESIGN §4, "write intent, then act").
public struct OperationRecord: Sendable, Hashable, Codable {
    public var id: String
    public var vmID: VMID
    public var project: String
    public var vmName: String?
    public var cloud: String?
    public var action: PlanAction
    public var status: OperationStatus
    public var stackName: String
    public var stackID: String?
    /// The spec hash the operation converges to (nil for deletes).
    public var specHash: String?
    public var attempts: Int
    public var lastError: String?
    public var runID: String
    public var actor: String
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?

    public init(
        id: String,
        vmID: VMID,
        project: String,
        vmName: String?,
        cloud: String?,
        action: PlanAction,
        status: OperationStatus = .pending,
        stackID: String? = nil,
        specHash: String? = nil,
        attempts: Int = 1,
        lastError: String? = nil,
        runID: String,
        actor: String,
        createdAt: Date,
        updatedAt: Date? = nil,
        completedAt: Date? = nil
    ) {
        self.id = id
        self.vmID = vmID
        self.project = project
        self.vmName = vmName
        self.cloud = cloud
        self.action = action
        self.status = status
        self.stackName = vmID.stackName
        self.stackID = stackID
        self.specHash = specHash
        self.attempts = attempts
        self.lastError = lastError
        self.runID = runID
        self.actor = actor
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.completedAt = completedAt
    }

    /// `<vm id>/<action>/<spec>/<run>`: the same intent in the same run is journaled once.
    public var idempotencyKey: String {
        "\(vmID.rawValue)/\(action.rawValue)/\(specHash ?? "-")/\(runID)"
    }
}
