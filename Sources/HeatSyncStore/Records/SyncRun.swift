public import Foundation

/// One `apply` (or controller tick): when, by whom, against which desired state, and how it ended.
public struct SyncRun: Sendable, Hashable, Codable {
    public var id: String
    public var kind: String
    public var actor: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var desiredCommit: String?
    public var desiredDigest: String
    public var planHash: String?
    /// `running`, `succeeded`, `failed`, `interrupted`.
    public var outcome: String
    /// A one-line summary (`3 created, 1 failed`).
    public var summary: String?

    public init(
        id: String,
        kind: String,
        actor: String,
        startedAt: Date,
        desiredCommit: String?,
        desiredDigest: String,
        planHash: String?
    ) {
        self.id = id
        self.kind = kind
        self.actor = actor
        self.startedAt = startedAt
        self.desiredCommit = desiredCommit
        self.desiredDigest = desiredDigest
        self.planHash = planHash
        outcome = "running"
    }
}
