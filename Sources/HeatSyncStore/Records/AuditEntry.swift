public import Foundation
public import HeatSyncCore

/// One line of the append-only audit log: who asked for what, on which stack, and how it
/// ended. Overrides of safety rules are recorded here too.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// Assigned by the store; 0 before insertion.
    public var sequence: Int64
    public var at: Date
    /// The git author of the commit that asked, or the CLI user.
    public var actor: String
    /// `create`, `delete`, `adopt`, …, or `override:<flag>`.
    public var action: String
    public var project: String?
    public var vmID: VMID?
    public var operationID: String?
    public var stackID: String?
    /// `started`, `succeeded`, `failed`, `abandoned`, `recorded`.
    public var result: String
    public var detail: String?

    public init(
        at: Date,
        actor: String,
        action: String,
        project: String? = nil,
        vmID: VMID? = nil,
        operationID: String? = nil,
        stackID: String? = nil,
        result: String,
        detail: String? = nil
    ) {
        sequence = 0
        self.at = at
        self.actor = actor
        self.action = action
        self.project = project
        self.vmID = vmID
        self.operationID = operationID
        self.stackID = stackID
        self.result = result
        self.detail = detail
    }
}
