public import HeatSyncCore
public import HeatSyncStore

/// What an apply reports as it goes, as values; the CLI renders them as progress lines and
/// the controller turns them into events and metrics.
public enum ApplyEvent: Sendable {
    /// The intent is journaled; the first cloud call follows.
    case started(PlannedChange, operationID: String)
    /// Heat accepted the request.
    case submitted(PlannedChange, stackID: String)
    case finished(ChangeResult)
    /// An operation left open by an earlier run was settled from the tag list.
    case recovered(OperationRecord, OperationStatus, detail: String)
}

/// How one planned change ended.
public struct ChangeResult: Sendable {
    public var change: PlannedChange
    public var operationID: String?
    public var succeeded: Bool
    public var error: String?
    /// The stack as last seen (nil after a delete).
    public var stack: ObservedStack?
    /// Seconds from the intent to the end.
    public var elapsed: Double

    public init(
        change: PlannedChange,
        operationID: String?,
        succeeded: Bool,
        error: String?,
        stack: ObservedStack?,
        elapsed: Double
    ) {
        self.change = change
        self.operationID = operationID
        self.succeeded = succeeded
        self.error = error
        self.stack = stack
        self.elapsed = elapsed
    }
}
