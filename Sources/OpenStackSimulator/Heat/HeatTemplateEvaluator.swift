import Foundation

/// Why a template cannot be used: Heat's error type and message (400).
struct HeatTemplateError: Error {
    var type: String
    var message: String
}

/// Evaluates HOT intrinsic functions (`get_param`, `get_resource`, `get_attr`, `if`,
/// `list_join`, `list_concat`, `str_replace`, `str_split`, `map_merge`) and conditions
/// (`equals`, `not`, `and`, `or`) over resolved parameters and resources.
struct HeatTemplateEvaluator {
    /// Typed parameter values, including the `OS::*` pseudo parameters.
    var parameters: [String: Any]
    var conditionDefinitions: [String: Any]
    /// Physical ids and attributes of the resources that exist.
    var physicalIDs: [String: String] = [:]
    var attributes: [String: [String: Any]] = [:]

    init(template: [String: Any], parameters: [String: Any]) {
        self.parameters = parameters
        conditionDefinitions = template["conditions"] as? [String: Any] ?? [:]
    }

    func resolve(_ value: Any) throws -> Any {
        if let list = value as? [Any] {
            var out: [Any] = []
            for item in list { out.append(try resolve(item)) }
            return out
        }
        guard let object = value as? [String: Any] else { return value }
        if object.count == 1, let (name, argument) = object.first, let result = try function(name, argument) {
            return result
        }
        var out: [String: Any] = [:]
        for (key, item) in object { out[key] = try resolve(item) }
        return out
    }

    /// The result of the intrinsic function `name`, or nil when `name` is not one.
    private func function(_ name: String, _ argument: Any) throws -> Any? {
        switch name {
        case "get_param":
            let path = try resolve(argument)
            let parts = path as? [Any] ?? [path]
            guard let key = parts.first as? String else { return NSNull() }
            return Self.walk(parameters[key] ?? NSNull(), Array(parts.dropFirst()))
        case "get_resource":
            guard let key = try resolve(argument) as? String else { return NSNull() }
            return physicalIDs[key] ?? NSNull()
        case "get_attr":
            let parts = try resolve(argument) as? [Any] ?? []
            guard parts.count >= 2, let key = parts[0] as? String, let attribute = parts[1] as? String else {
                return NSNull()
            }
            return Self.walk(attributes[key]?[attribute] ?? NSNull(), Array(parts.dropFirst(2)))
        case "if":
            guard let parts = argument as? [Any], parts.count == 3 else { return NSNull() }
            return try resolve(try condition(parts[0]) ? parts[1] : parts[2])
        case "list_join":
            let parts = try resolve(argument) as? [Any] ?? []
            let separator = parts.first as? String ?? ""
            var items: [String] = []
            for list in parts.dropFirst() {
                for item in list as? [Any] ?? [] { items.append(Self.text(item)) }
            }
            return items.joined(separator: separator)
        case "list_concat":
            var out: [Any] = []
            for list in try resolve(argument) as? [Any] ?? [] { out += list as? [Any] ?? [] }
            return out
        case "map_merge":
            var out: [String: Any] = [:]
            for map in try resolve(argument) as? [Any] ?? [] {
                for (key, item) in map as? [String: Any] ?? [:] { out[key] = item }
            }
            return out
        case "str_replace":
            let spec = try resolve(argument) as? [String: Any] ?? [:]
            var text = Self.text(spec["template"] ?? "")
            let params = spec["params"] as? [String: Any] ?? [:]
            for key in params.keys.sorted(by: { $0.count > $1.count }) {
                text = text.replacingOccurrences(of: key, with: Self.text(params[key] ?? ""))
            }
            return text
        case "str_split":
            let parts = try resolve(argument) as? [Any] ?? []
            guard parts.count >= 2, let separator = parts[0] as? String, let text = parts[1] as? String else {
                return NSNull()
            }
            let pieces: [Any] = text.components(separatedBy: separator)
            return parts.count > 2 ? Self.walk(pieces, [parts[2]]) : pieces
        case "get_file":
            throw HeatTemplateError(
                type: "StackValidationFailed",
                message: "get_file is not supported by the simulator (no files are stored)."
            )
        default:
            return nil
        }
    }

    /// Evaluates a condition: a condition name, a boolean, or an expression.
    func condition(_ value: Any, depth: Int = 0) throws -> Bool {
        guard depth < 32 else { return false }
        if HeatJSON.isBool(value) || value is Bool { return (value as? Bool) ?? false }
        if let name = value as? String {
            guard let definition = conditionDefinitions[name] else {
                throw HeatTemplateError(
                    type: "StackValidationFailed",
                    message: "Invalid condition \"\(name)\""
                )
            }
            return try condition(definition, depth: depth + 1)
        }
        guard let object = value as? [String: Any], object.count == 1, let (name, argument) = object.first else {
            return false
        }
        switch name {
        case "equals":
            let parts = argument as? [Any] ?? []
            guard parts.count == 2 else { return false }
            return HeatJSON.equal(try resolve(parts[0]), try resolve(parts[1]))
        case "not": return try !condition(argument, depth: depth + 1)
        case "and":
            for item in argument as? [Any] ?? [] where try !condition(item, depth: depth + 1) { return false }
            return true
        case "or":
            for item in argument as? [Any] ?? [] where try condition(item, depth: depth + 1) { return true }
            return false
        default:
            let resolved = try resolve(value)
            return HeatJSON.isBool(resolved) && (resolved as? Bool ?? false)
        }
    }

    /// Follows a path of keys and indexes into a value; null when it does not exist.
    static func walk(_ value: Any, _ path: [Any]) -> Any {
        var current = value
        for step in path {
            if let list = current as? [Any] {
                let index = (step as? Int) ?? Int(Self.text(step)) ?? -1
                guard list.indices.contains(index) else { return NSNull() }
                current = list[index]
            } else if let object = current as? [String: Any] {
                current = object[Self.text(step)] ?? NSNull()
            } else {
                return NSNull()
            }
        }
        return current
    }

    /// A value as text inside a joined string.
    static func text(_ value: Any) -> String {
        if let string = value as? String { return string }
        if value is [Any] || value is [String: Any] { return String(decoding: HeatJSON.data(value), as: UTF8.self) }
        if value is NSNull { return "" }
        return HeatJSON.string(value).lowercased() == "true" || HeatJSON.string(value).lowercased() == "false"
            ? HeatJSON.string(value).lowercased() : HeatJSON.string(value)
    }
}
