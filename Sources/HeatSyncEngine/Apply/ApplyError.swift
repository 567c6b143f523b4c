/// Why one VM's action did not succeed. Messages are for people: they name the stack,
/// Heat's status and reason, and never hold a secret.
public struct ApplyError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case timedOut
        case stackFailed
        case stackVanished
        case notOurs
        case staleplan
    }

    let code: Code
    public let description: String
    /// The stack the failure is about, when Heat knows it (its events explain the failure).
    public var stackID: String?

    static func timedOut(_ stack: String, status: String?) -> ApplyError {
        ApplyError(
            code: .timedOut,
            description: "timed out waiting for \(stack)" + (status.map { " (still \($0))" } ?? "")
                + "; it keeps running in Heat, and the next apply picks it up"
        )
    }

    static func stackFailed(_ stack: String, id: String?, status: String, reason: String?) -> ApplyError {
        ApplyError(
            code: .stackFailed,
            description: "\(stack) is \(status)" + (reason.map { ": \($0)" } ?? ""),
            stackID: id
        )
    }

    static func stackVanished(_ stack: String) -> ApplyError {
        ApplyError(code: .stackVanished, description: "\(stack) disappeared while heatsync waited for it")
    }

    static func notOurs(_ stack: String, owner: String?) -> ApplyError {
        ApplyError(
            code: .notOurs,
            description: "\(stack) already exists and "
                + (owner.map { "belongs to heatsync owner '\($0)'" } ?? "is not managed by heatsync")
                + "; it was left untouched (add heatsync/adopt: \"true\" to adopt an unmanaged stack)"
        )
    }

    /// `apply PLANFILE` with a plan that no longer matches the repository or the cloud.
    public static func stalePlan(_ why: String) -> ApplyError {
        ApplyError(code: .staleplan, description: "the saved plan is stale: \(why); run `heatsync plan` again")
    }
}
