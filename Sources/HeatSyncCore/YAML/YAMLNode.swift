/// A composed YAML node with its position. heatsync keeps scalars as written (text and
/// style) and interprets them per field, so `power: on` is the word "on" and never YAML
/// 1.1's boolean, and `"2"` is a string where a number is expected.
public struct YAMLNode: Sendable, Hashable {
    public enum ScalarStyle: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public enum Content: Sendable, Hashable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// 1-based line of the node's first character.
    public var line: Int
    /// 1-based column of the node's first character.
    public var column: Int
    /// The explicit tag, if the document wrote one (`!!str 7`).
    public var tag: String?

    public init(_ content: Content, line: Int, column: Int, tag: String? = nil) {
        self.content = content
        self.line = line
        self.column = column
        self.tag = tag
    }

    public func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable, Hashable {
    public var key: YAMLNode
    public var value: YAMLNode
}

extension YAMLNode {
    /// The scalar text, or nil for a sequence or mapping.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    public var isPlainScalar: Bool {
        if case .scalar(_, .plain) = content, tag == nil { return true }
        return false
    }

    /// `~`, `null` or nothing at all, written plain.
    public var isNull: Bool {
        guard isPlainScalar, let text = scalarText else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// A YAML 1.2 core-schema boolean written plain (`true`, `False`, …).
    public var boolValue: Bool? {
        guard isPlainScalar, let text = scalarText else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// A plain decimal integer.
    public var intValue: Int? {
        guard isPlainScalar, let text = scalarText else { return nil }
        return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }

    /// A plain decimal number (integer or fraction, no `.inf`/`.nan`).
    public var numberValue: Double? {
        guard isPlainScalar, let text = scalarText, let first = text.first,
            first.isNumber || first == "-" || first == "+" || first == "."
        else { return nil }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }

    public var mappingPairs: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    public var sequenceItems: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// How users would name this node's type in an error message.
    public var typeDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            if isNull { return "null" }
            if boolValue != nil { return "a boolean" }
            if numberValue != nil { return "a number" }
            return "a string"
        }
    }
}
