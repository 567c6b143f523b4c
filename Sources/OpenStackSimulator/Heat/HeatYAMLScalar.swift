import Foundation

/// Scalars, keys and comments of ``HeatYAML``.
enum HeatYAMLScalar {
    /// The line without a trailing comment (`#` after a space, outside quotes).
    static func stripComment(_ text: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var end = text.endIndex
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                if previous == " " || previous == ":" || previous == "[" || previous == "{" || previous == ","
                    || index == text.startIndex
                {
                    quote = character
                }
            } else if character == "#", previous == " " || index == text.startIndex {
                end = index
                break
            }
            previous = character
        }
        return String(text[..<end]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }

    /// `key: rest` split at the first `: ` (or a final `:`) outside quotes and brackets.
    static func keySplit(_ text: String) -> (String, String)? {
        var quote: Character?
        var depth = 0
        for index in text.indices {
            let character = text[index]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"":
                if index == text.startIndex { quote = character }
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            case ":" where depth == 0:
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " {
                    return (String(text[..<index]), String(text[next...]))
                }
            default: break
            }
        }
        return nil
    }

    /// A mapping key as a string (quoted keys unquoted).
    static func key(_ text: String, line: Int) throws(HeatYAMLError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("\"") || trimmed.hasPrefix("'") {
            return try quoted(trimmed, line: line)
        }
        try refuseUnsupported(trimmed, line: line)
        return trimmed
    }

    /// A scalar or flow collection, typed as YAML 1.1 does, dates kept as strings (as Heat's loader does).
    static func value(_ text: String, line: Int) throws(HeatYAMLError) -> Any {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("[") || trimmed.hasPrefix("{") {
            var flow = HeatYAMLFlow(text: Array(trimmed), line: line)
            let value = try flow.value()
            guard flow.atEnd else {
                throw HeatYAMLError(message: "line \(line): unexpected text after a flow collection")
            }
            return value
        }
        if trimmed.hasPrefix("\"") || trimmed.hasPrefix("'") { return try quoted(trimmed, line: line) }
        try refuseUnsupported(trimmed, line: line)
        return typed(trimmed)
    }

    static func refuseUnsupported(_ text: String, line: Int) throws(HeatYAMLError) {
        guard let first = text.first, "&*!%@`|>".contains(first) else { return }
        let what =
            switch first {
            case "&": "anchors"
            case "*": "aliases"
            case "!": "tags"
            default: "a plain scalar starting with '\(first)'"
            }
        throw HeatYAMLError(message: "line \(line): \(what) are not supported in templates")
    }

    /// A plain scalar's value.
    static func typed(_ text: String) -> Any {
        switch text {
        case "", "~", "null", "Null", "NULL": return NSNull()
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return NSNumber(value: true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return NSNumber(value: false)
        default: break
        }
        if text.range(of: "^[-+]?[0-9]+$", options: .regularExpression) != nil, let integer = Int(text) {
            return NSNumber(value: integer)
        }
        if text.range(of: "^0x[0-9a-fA-F]+$", options: .regularExpression) != nil,
            let integer = Int(text.dropFirst(2), radix: 16)
        {
            return NSNumber(value: integer)
        }
        if text.range(of: "^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$", options: .regularExpression) != nil,
            let number = Double(text)
        {
            return NSNumber(value: number)
        }
        return text
    }

    /// A single- or double-quoted scalar.
    static func quoted(_ text: String, line: Int) throws(HeatYAMLError) -> String {
        var flow = HeatYAMLFlow(text: Array(text), line: line)
        let value = try flow.quoted()
        guard flow.atEnd else { throw HeatYAMLError(message: "line \(line): unexpected text after a quoted string") }
        return value
    }
}
