/// A JSON value with one canonical text form (sorted keys, no insignificant white space),
/// used both as the body sent to Heat and as the input of the spec hash, so what is hashed
/// is exactly what is sent.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number kept as its canonical decimal text, so no float formatting differs by machine.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Canonical JSON text.
    public var canonicalText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let text): out += text
        case .string(let text): JSONValue.writeString(text, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ text: String, to out: inout String) {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\"" + text + "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Converts YAML as Heat would read it (PyYAML's YAML 1.1 typing of plain scalars, with
    /// dates left as strings as Heat's loader does).
    public init(heatYAML node: YAMLNode) {
        switch node.content {
        case .mapping(let pairs):
            var members: [String: JSONValue] = [:]
            for pair in pairs {
                members[pair.key.scalarText ?? JSONValue(heatYAML: pair.key).canonicalText] = JSONValue(
                    heatYAML: pair.value
                )
            }
            self = .object(members)
        case .sequence(let items):
            self = .array(items.map(JSONValue.init(heatYAML:)))
        case .scalar(let text, let style):
            self = JSONValue.typedScalar(text, plain: style == .plain && node.tag == nil)
        }
    }

    private static func typedScalar(_ text: String, plain: Bool) -> JSONValue {
        guard plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        default: break
        }
        if let int = Int(text) { return .number(String(int)) }
        if let first = text.first, first.isNumber || first == "-" || first == "." || first == "+",
            text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
            let double = Double(text), double.isFinite
        {
            return .number(JSONValue.canonicalNumber(double))
        }
        return .string(text)
    }

    /// Integral doubles print without a fraction; others use Swift's shortest round-trip form.
    static func canonicalNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
