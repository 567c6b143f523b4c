/// Typed reads from ``YAMLNode``s that record a diagnostic for every problem instead of
/// stopping at the first one. Field paths (`spec.publicIP`) name the field in messages.
struct NodeDecoder {
    let file: String
    var diagnostics = Diagnostics()

    init(file: String) {
        self.file = file
    }

    func location(_ node: YAMLNode) -> SourceLocation { node.location(in: file) }

    /// The pairs of a mapping, keyed by field name, after reporting unknown and non-string keys.
    mutating func fields(
        of node: YAMLNode,
        at path: String,
        allowed: [String]
    ) -> [String: YAMLPair]? {
        guard let pairs = node.mappingPairs else {
            wrongType(node, at: path, expected: "a mapping")
            return nil
        }
        var result: [String: YAMLPair] = [:]
        for pair in pairs {
            guard let key = pair.key.scalarText, pair.key.mappingPairs == nil else {
                diagnostics.error(.wrongType, "keys of \(path) must be strings", at: location(pair.key))
                continue
            }
            guard allowed.contains(key) else {
                let field = path.isEmpty ? key : "\(path).\(key)"
                diagnostics.error(
                    .unknownField,
                    "unknown field '\(field)'",
                    hint: Suggestion.hint(for: key, among: allowed),
                    at: location(pair.key)
                )
                continue
            }
            result[key] = pair
        }
        return result
    }

    /// Reports a missing required field at the mapping that lacks it.
    mutating func missing(_ field: String, in node: YAMLNode, hint: String? = nil) {
        diagnostics.error(.missingField, "missing required field '\(field)'", hint: hint, at: location(node))
    }

    mutating func wrongType(_ node: YAMLNode, at path: String, expected: String, hint: String? = nil) {
        diagnostics.error(
            .wrongType,
            "\(path) must be \(expected), found \(node.typeDescription)",
            hint: hint,
            at: location(node)
        )
    }

    mutating func invalid(_ node: YAMLNode, _ message: String, hint: String? = nil) {
        diagnostics.error(.invalidValue, message, hint: hint, at: location(node))
    }

    /// A non-null scalar read as text, whatever YAML type it would resolve to. Empty text is
    /// refused unless `allowEmpty`: `image: ""` is a mistake, not a value.
    mutating func string(_ node: YAMLNode, at path: String, allowEmpty: Bool = false) -> String? {
        guard let text = node.scalarText, !node.isNull else {
            wrongType(node, at: path, expected: "a string")
            return nil
        }
        guard allowEmpty || !text.isEmpty else {
            invalid(node, "\(path) must not be empty")
            return nil
        }
        return text
    }

    mutating func bool(_ node: YAMLNode, at path: String) -> Bool? {
        guard let value = node.boolValue else {
            let hint: String? =
                ["yes", "no", "on", "off", "y", "n"].contains(node.scalarText?.lowercased() ?? "")
                ? "write true or false; heatsync does not read YAML 1.1's yes/no/on/off as booleans" : nil
            wrongType(node, at: path, expected: "a boolean (true or false)", hint: hint)
            return nil
        }
        return value
    }

    mutating func int(_ node: YAMLNode, at path: String, minimum: Int = 0, maximum: Int = .max) -> Int? {
        guard let value = node.intValue else {
            wrongType(node, at: path, expected: "an integer")
            return nil
        }
        guard value >= minimum, value <= maximum else {
            let range = maximum == .max ? "at least \(minimum)" : "between \(minimum) and \(maximum)"
            invalid(node, "\(path) must be \(range), found \(value)")
            return nil
        }
        return value
    }

    mutating func number(_ node: YAMLNode, at path: String, minimum: Double = 0) -> Double? {
        guard let value = node.numberValue else {
            wrongType(node, at: path, expected: "a number")
            return nil
        }
        guard value >= minimum else {
            invalid(node, "\(path) must be at least \(minimum), found \(value)")
            return nil
        }
        return value
    }

    mutating func stringList(_ node: YAMLNode, at path: String) -> [String]? {
        guard let items = node.sequenceItems else {
            wrongType(node, at: path, expected: "a list of strings")
            return nil
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            if let text = string(item, at: "\(path)[\(index)]") { result.append(text) }
        }
        return result
    }

    /// A mapping of strings to strings (labels, annotations), keys in document order.
    mutating func stringMap(_ node: YAMLNode, at path: String) -> [(key: String, keyNode: YAMLNode, value: String)]? {
        guard let pairs = node.mappingPairs else {
            wrongType(node, at: path, expected: "a mapping of strings")
            return nil
        }
        var result: [(String, YAMLNode, String)] = []
        for pair in pairs {
            guard let key = pair.key.scalarText, !pair.key.isNull else {
                diagnostics.error(.wrongType, "keys of \(path) must be strings", at: location(pair.key))
                continue
            }
            if let value = string(pair.value, at: "\(path).\(key)", allowEmpty: true) {
                result.append((key, pair.key, value))
            }
        }
        return result
    }

    /// Checks a name against the DNS-label rule heatsync uses for projects, VMs and profiles.
    mutating func name(_ node: YAMLNode, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        guard ResourceName.isValid(text) else {
            diagnostics.error(
                .badName,
                "\(path) '\(text)' is not a valid name",
                hint: ResourceName.rule,
                at: location(node)
            )
            return nil
        }
        return text
    }
}
