import Foundation

/// Stacks of every project. Lifecycles are stored as "operation + when it ends" and settled
/// lazily (`SimulatorState.settleStacks()`) before every authenticated request.
struct HeatState: Sendable {
    /// Every stack ever created, including DELETE_COMPLETE ones, oldest first.
    var stacks: [SimStack] = []

    func index(id: String) -> Int? { stacks.firstIndex { $0.id == id } }
}

/// One Heat stack.
struct SimStack: Sendable {
    var id: String
    var name: String
    var projectID: String
    var owner: String
    /// The template as stored (JSON).
    var template: Data {
        didSet { description = HeatJSON.object(template)["description"] as? String ?? "" }
    }
    /// The template's description, kept so lists need not parse templates.
    var description = ""
    /// Parameters the caller gave (raw JSON object).
    var givenParameters: Data
    var tags: [String]?
    var timeoutMinutes: Int?
    var disableRollback: Bool
    var createdAt: Date
    var updatedAt: Date?
    var deletedAt: Date?
    /// Heat's action (CREATE, UPDATE, DELETE, CHECK, SUSPEND, RESUME) and status.
    var action: String
    var status: String
    var statusReason: String
    var pending: PendingOperation?
    var resources: [SimStackResource] = []
    var events: [SimStackEvent] = []
    /// Per stack, so `OS::Heat::RandomString` values are stable.
    var serial: Int

    var fullStatus: String { action + "_" + status }
    var isDeleted: Bool { action == "DELETE" && status == "COMPLETE" }
}

/// An operation in progress: when it ends and how.
struct PendingOperation: Sendable {
    enum Outcome: Sendable, Hashable {
        case complete
        case failed(String)
        case stuck
    }

    var action: String
    var endsAt: Date
    var outcome: Outcome
}

/// A resource of a stack with its physical id, resolved properties and attributes.
struct SimStackResource: Sendable {
    var name: String
    var type: String
    var physicalID: String
    /// Resolved properties and attributes (JSON objects).
    var properties: Data
    var attributes: Data
    var createdAt: Date
    var updatedAt: Date?
    /// Why the resource fails its action (`OS::Heat::TestResource` with `fail: true`).
    var failure: String?
}

/// A stack or resource event.
struct SimStackEvent: Sendable {
    var id: String
    var time: Date
    var resourceName: String
    var physicalID: String
    var status: String
    var reason: String
}

/// Converting JSON between `Any` (for evaluation) and `Data` (Sendable storage).
enum HeatJSON {
    static func data(_ value: Any?) -> Data {
        guard let value, !(value is NSNull) else { return Data("null".utf8) }
        // Wrapped in an array: Foundation on Linux traps on top-level fragments.
        guard JSONSerialization.isValidJSONObject([value]),
            let wrapped = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
        else { return Data("null".utf8) }
        return Data(wrapped.dropFirst().dropLast())
    }

    static func value(_ data: Data) -> Any {
        let wrapped = Data("[".utf8) + data + Data("]".utf8)
        return ((try? JSONSerialization.jsonObject(with: wrapped)) as? [Any])?.first ?? NSNull()
    }

    static func object(_ data: Data) -> [String: Any] { value(data) as? [String: Any] ?? [:] }

    /// Heat's timestamp format: `2026-11-24T10:07:38Z`.
    static func time(_ date: Date?) -> Any {
        guard let date else { return NSNull() }
        return Timestamp.seconds(date)
    }

    /// Whether a parsed JSON number is really `true`/`false`.
    static func isBool(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    /// Structural equality of two JSON values.
    static func equal(_ lhs: Any?, _ rhs: Any?) -> Bool { data(lhs) == data(rhs) }

    /// A value as Heat prints it in `parameters` (strings; lists comma-joined).
    static func string(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return ""
        case let string as String: return string
        case let number as NSNumber:
            if isBool(number) { return number.boolValue ? "True" : "False" }
            return number.stringValue
        case let list as [Any]: return list.map { string($0) }.joined(separator: ",")
        default: return String(decoding: data(value), as: UTF8.self)
        }
    }
}
