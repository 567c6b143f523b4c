import Foundation

/// Stacks of every project. Lifecycles are stored as "operation + when it ends" and settled
/// lazily (`SimulatorState.settleStacks()`) before every authenticated request.
struct HeatState: Sendable {
    /// Every stack ever created, including DELETE_COMPLETE ones, oldest first. Stacks are
    /// never removed, so an index stays valid for the simulator's lifetime.
    private(set) var stacks: [SimStack] = []
    /// Where each stack is in `stacks`, by id.
    private(set) var indexByID: [String: Int] = [:]
    /// Indices of the stacks ever named so, ascending (names never change).
    private(set) var indicesByName: [String: [Int]] = [:]
    /// Indices of stacks that may have an operation pending, so settling does not walk every stack.
    var maybePending: Set<Int> = []
    /// Each stack's rendered list item, with the fields it was rendered from.
    var listItems: [String: RenderedListItem] = [:]
    /// Indices of the stacks carrying each tag, ascending, so a tag-filtered list walks only
    /// the stacks that can match.
    private(set) var indicesByTag: [String: [Int]] = [:]

    init(stacks: [SimStack] = []) {
        for stack in stacks { append(stack) }
    }

    func index(id: String) -> Int? { indexByID[id] }

    /// Adds a stack; returns its index.
    @discardableResult
    mutating func append(_ stack: SimStack) -> Int {
        stacks.append(stack)
        let index = stacks.count - 1
        indexByID[stack.id] = index
        indicesByName[stack.name, default: []].append(index)
        if stack.pending != nil { maybePending.insert(index) }
        for tag in Set(stack.tags ?? []) { indicesByTag[tag, default: []].append(index) }
        return index
    }

    /// Reads and writes one stack in place. A write that sets `pending` marks the stack for settling.
    subscript(index: Int) -> SimStack {
        get { stacks[index] }
        set {
            let oldTags = Set(stacks[index].tags ?? [])
            stacks[index] = newValue
            if newValue.pending != nil { maybePending.insert(index) }
            let newTags = Set(newValue.tags ?? [])
            guard oldTags != newTags else { return }
            for tag in oldTags.subtracting(newTags) {
                let position = Self.lowerBound(index, in: indicesByTag[tag] ?? [])
                indicesByTag[tag]?.remove(at: position)
                if indicesByTag[tag]?.isEmpty == true { indicesByTag[tag] = nil }
            }
            for tag in newTags.subtracting(oldTags) {
                let position = Self.lowerBound(index, in: indicesByTag[tag] ?? [])
                indicesByTag[tag, default: []].insert(index, at: position)
            }
        }
    }

    /// The first position in an ascending list whose value is not below `value`.
    static func lowerBound(_ value: Int, in sorted: [Int]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The stacks a tag filter can match: those of its rarest tag; nil (all) without one.
    func candidates(tags: [String]?) -> [Int]? {
        guard let tags, !tags.isEmpty else { return nil }
        return tags.map { indicesByTag[$0] ?? [] }.min { $0.count < $1.count }
    }
}

/// One Heat stack.
struct SimStack: Sendable, Codable {
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
    /// What an update replaced, so a failed update can roll back to it.
    var previous: StackRevision?

    var fullStatus: String { action + "_" + status }
    var isDeleted: Bool { action == "DELETE" && status == "COMPLETE" }
}

/// A stack's template, parameters and resources before an update.
struct StackRevision: Sendable, Codable {
    var template: Data
    var givenParameters: Data
    var resources: [SimStackResource]
}

/// An operation in progress: when it ends and how.
struct PendingOperation: Sendable, Codable {
    enum Outcome: Sendable, Hashable, Codable {
        case complete
        case failed(String)
        case stuck
    }

    var action: String
    var endsAt: Date
    var outcome: Outcome
}

/// A resource of a stack with its physical id, resolved properties and attributes.
struct SimStackResource: Sendable, Codable {
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
struct SimStackEvent: Sendable, Codable {
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
