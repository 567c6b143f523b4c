import Foundation

/// A YAML reader for the subset HOT templates use, so `template` may be a YAML string as real
/// Heat accepts it: block mappings and sequences, flow `{…}`/`[…]` collections, plain and
/// quoted scalars, `|` and `>` block scalars, comments. Like Heat's loader, dates stay strings
/// (`heat_template_version: 2018-08-31`); `true/false/yes/no/on/off`, null, integers and floats
/// are typed as in YAML 1.1. Anchors, aliases, tags, complex keys and multiple documents are
/// refused with a clear message rather than misread: the simulator imports no YAML library
/// (and never heatsync's), so client and simulator cannot share a YAML bug.
enum HeatYAML {
    static func parse(_ text: String) throws(HeatYAMLError) -> Any {
        var lines: [Line] = []
        for (number, raw) in text.components(separatedBy: "\n").enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            lines.append(Line(number: number + 1, raw: line))
        }
        var reader = HeatYAMLReader(lines: lines)
        return try reader.document()
    }

    struct Line {
        var number: Int
        var raw: String
        /// Columns of leading spaces.
        var indent: Int { raw.prefix { $0 == " " }.count }
        /// The line without indentation and comment.
        var content: String { HeatYAMLScalar.stripComment(String(raw.dropFirst(indent))) }
        var isBlank: Bool { content.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}

/// Why a YAML template cannot be read, with the line.
struct HeatYAMLError: Error {
    var message: String
}

/// The block structure: indentation decides nesting.
struct HeatYAMLReader {
    var lines: [HeatYAML.Line]
    var position = 0

    init(lines: [HeatYAML.Line]) { self.lines = lines }

    mutating func document() throws(HeatYAMLError) -> Any {
        skipBlank()
        if position < lines.count, lines[position].content.hasPrefix("---") { position += 1 }
        skipBlank()
        guard position < lines.count else { return NSNull() }
        let value = try node(indent: lines[position].indent)
        skipBlank()
        if position < lines.count {
            let line = lines[position]
            if line.content.hasPrefix("---") || line.content.hasPrefix("...") {
                throw HeatYAMLError(message: "line \(line.number): only one YAML document is supported")
            }
            throw HeatYAMLError(message: "line \(line.number): unexpected indentation")
        }
        return value
    }

    mutating func skipBlank() {
        while position < lines.count, lines[position].isBlank { position += 1 }
    }

    /// The node starting at the current line, whose lines are indented exactly `indent`.
    mutating func node(indent: Int) throws(HeatYAMLError) -> Any {
        skipBlank()
        let line = lines[position]
        if line.content.hasPrefix("? ") {
            throw HeatYAMLError(message: "line \(line.number): complex mapping keys are not supported")
        }
        if line.content == "-" || line.content.hasPrefix("- ") { return try sequence(indent: indent) }
        if HeatYAMLScalar.keySplit(line.content) != nil { return try mapping(indent: indent) }
        position += 1
        return try HeatYAMLScalar.value(line.content, line: line.number)
    }

    mutating func sequence(indent: Int) throws(HeatYAMLError) -> [Any] {
        var items: [Any] = []
        while true {
            skipBlank()
            guard position < lines.count, lines[position].indent == indent else { break }
            let line = lines[position]
            guard line.content == "-" || line.content.hasPrefix("- ") else { break }
            let rest = String(line.content.dropFirst(1))
            let inline = rest.drop { $0 == " " }
            if inline.isEmpty {
                position += 1
                items.append(try nested(deeperThan: indent) ?? NSNull())
            } else if let style = inline.first, style == "|" || style == ">" {
                position += 1
                items.append(
                    try blockScalar(style: style, header: String(inline.dropFirst()), indent: indent, line: line)
                )
            } else {
                // "- key: value" opens a mapping whose keys sit where `key` starts.
                let column = indent + 1 + (rest.count - inline.count)
                lines[position].raw = String(repeating: " ", count: column) + inline
                items.append(try node(indent: column))
            }
        }
        return items
    }

    mutating func mapping(indent: Int) throws(HeatYAMLError) -> [String: Any] {
        var object: [String: Any] = [:]
        while true {
            skipBlank()
            guard position < lines.count, lines[position].indent == indent else { break }
            let line = lines[position]
            if line.content == "-" || line.content.hasPrefix("- ") || line.content.hasPrefix("---")
                || line.content.hasPrefix("...")
            {
                break
            }
            if line.content.hasPrefix("? ") {
                throw HeatYAMLError(message: "line \(line.number): complex mapping keys are not supported")
            }
            guard let (key, rest) = HeatYAMLScalar.keySplit(line.content) else {
                throw HeatYAMLError(message: "line \(line.number): expected 'key: value'")
            }
            let name = try HeatYAMLScalar.key(key, line: line.number)
            if object[name] != nil {
                throw HeatYAMLError(message: "line \(line.number): duplicate key '\(name)'")
            }
            position += 1
            object[name] = try value(after: rest, indent: indent, line: line)
        }
        return object
    }

    /// A mapping value: inline, a block scalar, or a nested node on the following lines.
    mutating func value(after rest: String, indent: Int, line: HeatYAML.Line) throws(HeatYAMLError) -> Any {
        let text = rest.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            // A sequence may sit at the key's own indentation.
            skipBlank()
            if position < lines.count, lines[position].indent == indent,
                lines[position].content == "-" || lines[position].content.hasPrefix("- ")
            {
                return try sequence(indent: indent)
            }
            return try nested(deeperThan: indent) ?? NSNull()
        }
        if let style = text.first, style == "|" || style == ">" {
            return try blockScalar(style: style, header: String(text.dropFirst()), indent: indent, line: line)
        }
        if text.hasPrefix("{") || text.hasPrefix("[") {
            // A flow collection may continue on more-indented lines until its brackets close.
            var flow = text
            while !HeatYAMLFlow.isBalanced(flow), position < lines.count, lines[position].indent > indent {
                flow += " " + lines[position].content.trimmingCharacters(in: .whitespaces)
                position += 1
            }
            return try HeatYAMLScalar.value(flow, line: line.number)
        }
        return try HeatYAMLScalar.value(text, line: line.number)
    }

    mutating func nested(deeperThan indent: Int) throws(HeatYAMLError) -> Any? {
        skipBlank()
        guard position < lines.count, lines[position].indent > indent else { return nil }
        return try node(indent: lines[position].indent)
    }

    /// `|` keeps newlines, `>` folds them; `-` strips the final newline, `+` keeps all.
    mutating func blockScalar(
        style: Character,
        header: String,
        indent: Int,
        line: HeatYAML.Line
    ) throws(HeatYAMLError) -> String {
        let chomp = header.trimmingCharacters(in: .whitespaces)
        guard ["", "-", "+"].contains(chomp) else {
            throw HeatYAMLError(message: "line \(line.number): block scalar indicator '\(header)' is not supported")
        }
        var body: [String] = []
        var blockIndent: Int?
        while position < lines.count {
            let raw = lines[position].raw
            let spaces = raw.prefix { $0 == " " }.count
            if raw.trimmingCharacters(in: .whitespaces).isEmpty {
                body.append("")
                position += 1
                continue
            }
            if blockIndent == nil { blockIndent = spaces }
            guard let blockIndent, spaces >= blockIndent, spaces > indent else { break }
            body.append(String(raw.dropFirst(blockIndent)))
            position += 1
        }
        var trailing = 0
        while let last = body.last, last.isEmpty {
            body.removeLast()
            trailing += 1
        }
        var text: String
        if style == "|" {
            text = body.joined(separator: "\n")
        } else {
            text = ""
            for (index, part) in body.enumerated() {
                if index > 0 {
                    // A break between two text lines folds to a space; an empty line is a
                    // newline; more-indented lines keep their breaks.
                    let previous = body[index - 1]
                    if part.isEmpty || (!previous.isEmpty && (part.hasPrefix(" ") || previous.hasPrefix(" "))) {
                        text += "\n"
                    } else if !previous.isEmpty {
                        text += " "
                    }
                }
                text += part
            }
        }
        switch chomp {
        case "-": return text
        case "+": return text + String(repeating: "\n", count: trailing + 1)
        default: return body.isEmpty ? "" : text + "\n"
        }
    }
}
