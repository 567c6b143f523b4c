/// Why the journal refused or failed. Messages name the database file and never hold
/// secrets (the journal stores none).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case operationInFlight
        case unknownOperation
        case locked
        case corrupt
        case unusable
    }

    let code: Code
    public let description: String

    /// Another operation of this VM is still open.
    public static func operationInFlight(_ vm: String, operation: String) -> StoreError {
        StoreError(code: .operationInFlight, description: "VM \(vm) already has an open operation (\(operation))")
    }

    public static func unknownOperation(_ id: String) -> StoreError {
        StoreError(code: .unknownOperation, description: "the journal has no operation \(id)")
    }

    /// Another heatsync process holds the store.
    public static func locked(_ path: String) -> StoreError {
        StoreError(
            code: .locked,
            description: "\(path) is in use by another heatsync process (apply or serve); wait for it to finish"
        )
    }

    public static func corrupt(_ path: String, _ detail: String) -> StoreError {
        StoreError(
            code: .corrupt,
            description: "the state database \(path) is corrupt (\(detail)); move it aside and run "
                + "`heatsync apply` again: the journal is rebuilt from the stacks' tags"
        )
    }

    public static func unusable(_ path: String, _ detail: String) -> StoreError {
        StoreError(code: .unusable, description: "cannot use the state database \(path): \(detail)")
    }

    public var isOperationInFlight: Bool { code == .operationInFlight }
    public var isLocked: Bool { code == .locked }
    public var isCorrupt: Bool { code == .corrupt }
}
