import Foundation

/// Flow collections (`{a: 1, b: [x, y]}`) and quoted strings of ``HeatYAML``.
struct HeatYAMLFlow {
    var text: [Character]
    var line: Int
    var position = 0

    var atEnd: Bool {
        var index = position
        while index < text.count, text[index] == " " { index += 1 }
        return index == text.count
    }

    /// Whether every bracket opened outside quotes is closed.
    static func isBalanced(_ text: String) -> Bool {
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        return depth <= 0
    }

    mutating func skipSpaces() {
        while position < text.count, text[position] == " " { position += 1 }
    }

    func error(_ message: String) -> HeatYAMLError { HeatYAMLError(message: "line \(line): \(message)") }

    mutating func value() throws(HeatYAMLError) -> Any {
        skipSpaces()
        guard position < text.count else { return NSNull() }
        switch text[position] {
        case "[": return try list()
        case "{": return try object()
        case "'", "\"": return try quoted()
        default: return try plain()
        }
    }

    mutating func list() throws(HeatYAMLError) -> [Any] {
        position += 1
        var items: [Any] = []
        while true {
            skipSpaces()
            guard position < text.count else { throw error("unclosed '['") }
            if text[position] == "]" {
                position += 1
                return items
            }
            items.append(try value())
            skipSpaces()
            if position < text.count, text[position] == "," { position += 1 }
        }
    }

    mutating func object() throws(HeatYAMLError) -> [String: Any] {
        position += 1
        var object: [String: Any] = [:]
        while true {
            skipSpaces()
            guard position < text.count else { throw error("unclosed '{'") }
            if text[position] == "}" {
                position += 1
                return object
            }
            // Keys are text: `{off: 1}` has the key "off", not false.
            skipSpaces()
            let name: String
            if position < text.count, text[position] == "'" || text[position] == "\"" {
                name = try quoted()
            } else if position < text.count, text[position] == "[" || text[position] == "{" {
                throw error("a flow key must be a scalar")
            } else {
                let start = position
                _ = try plain()
                name = String(text[start..<position]).trimmingCharacters(in: .whitespaces)
            }
            skipSpaces()
            guard position < text.count, text[position] == ":" else { throw error("expected ':' after '\(name)'") }
            position += 1
            object[name] = try value()
            skipSpaces()
            if position < text.count, text[position] == "," { position += 1 }
        }
    }

    /// A plain scalar inside a flow collection: ends at `,`, `]`, `}` or `: `.
    mutating func plain() throws(HeatYAMLError) -> Any {
        let start = position
        while position < text.count {
            let character = text[position]
            if character == "," || character == "]" || character == "}" { break }
            if character == ":", position + 1 == text.count || text[position + 1] == " " { break }
            position += 1
        }
        let scalar = String(text[start..<position]).trimmingCharacters(in: .whitespaces)
        try HeatYAMLScalar.refuseUnsupported(scalar, line: line)
        return HeatYAMLScalar.typed(scalar)
    }

    /// `'…'` (with `''` for a quote) or `"…"` (with backslash escapes).
    mutating func quoted() throws(HeatYAMLError) -> String {
        let quote = text[position]
        position += 1
        var out = ""
        while position < text.count {
            let character = text[position]
            position += 1
            if quote == "'" {
                if character == "'" {
                    if position < text.count, text[position] == "'" {
                        out.append("'")
                        position += 1
                        continue
                    }
                    return out
                }
                out.append(character)
                continue
            }
            if character == "\"" { return out }
            guard character == "\\" else {
                out.append(character)
                continue
            }
            guard position < text.count else { break }
            let escape = text[position]
            position += 1
            switch escape {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "0": out.append("\0")
            case "\"", "\\", "/", " ": out.append(escape)
            case "u", "x":
                let count = escape == "u" ? 4 : 2
                guard position + count <= text.count,
                    let code = UInt32(String(text[position..<position + count]), radix: 16),
                    let scalar = Unicode.Scalar(code)
                else { throw error("bad escape in a double-quoted string") }
                out.unicodeScalars.append(scalar)
                position += count
            default: throw error("unknown escape '\\\(escape)'")
            }
        }
        throw error("unclosed quoted string")
    }
}
