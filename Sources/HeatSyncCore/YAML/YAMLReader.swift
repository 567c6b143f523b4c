internal import CYaml

/// The documents of one YAML file and the problems found while reading it.
public struct YAMLFile: Sendable {
    public var documents: [YAMLNode]
    public var diagnostics: Diagnostics
}

/// Reads YAML files into ``YAMLNode`` trees straight from libyaml's events.
///
/// Composition is iterative (no recursion, so no stack to overflow), stops at
/// ``YAMLLimits/maxDepth``, counts the nodes aliases expand to so an alias bomb is refused
/// after a bounded amount of work, and reports every duplicate key at its second
/// occurrence (the first one wins). A syntax error ends the file: the documents read
/// before it are kept.
public enum YAMLReader {
    public static func read(_ bytes: [UInt8], path: String, limits: YAMLLimits = .manifests) -> YAMLFile {
        var diagnostics = Diagnostics()
        if bytes.count > limits.maxFileBytes {
            diagnostics.error(
                .fileTooLarge,
                "file is \(bytes.count) bytes; the limit is \(limits.maxFileBytes) bytes",
                hint: "split the manifests over several files",
                at: .start(of: path)
            )
            return YAMLFile(documents: [], diagnostics: diagnostics)
        }
        if let bad = UTF8Check.firstInvalidPosition(in: bytes) {
            diagnostics.error(
                .invalidUTF8,
                "file is not valid UTF-8",
                hint: "save the file as UTF-8",
                at: SourceLocation(file: path, line: bad.line, column: bad.column)
            )
            return YAMLFile(documents: [], diagnostics: diagnostics)
        }
        var composer = Composer(path: path, limits: limits)
        composer.run(bytes)
        diagnostics.append(contentsOf: composer.diagnostics)
        if composer.documents.isEmpty && !diagnostics.hasErrors {
            diagnostics.error(
                .emptyFile,
                "file holds no YAML document",
                hint: "add a manifest or delete the file",
                at: .start(of: path)
            )
        }
        return YAMLFile(documents: composer.documents, diagnostics: diagnostics)
    }
}

/// Builds nodes from events with an explicit stack of open collections.
private struct Composer {
    struct Frame {
        var isMapping: Bool
        var line: Int
        var column: Int
        var tag: String?
        var anchor: String?
        var startWeight: Int
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var dropValue = false
        var firstKeyLine: [String: Int] = [:]
    }

    let path: String
    let limits: YAMLLimits
    var documents: [YAMLNode] = []
    var diagnostics = Diagnostics()

    private var stack: [Frame] = []
    private var root: YAMLNode?
    private var anchors: [String: (node: YAMLNode, weight: Int)] = [:]
    /// Nodes the document expands to, aliases included.
    private var expandedNodes = 0
    /// Nodes written in the document.
    private var writtenNodes = 0

    init(path: String, limits: YAMLLimits) {
        self.path = path
        self.limits = limits
    }

    mutating func run(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            diagnostics.error(.yamlSyntax, "the YAML parser could not start", at: .start(of: path))
            return
        }
        defer { yaml_parser_delete(&parser) }
        bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    reportSyntaxError(parser)
                    return
                }
                let keepGoing = handle(&event)
                let type = event.type
                yaml_event_delete(&event)
                if !keepGoing || type == YAML_STREAM_END_EVENT { return }
            }
        }
    }

    /// Returns false when the file must not be read further.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            stack.removeAll()
            root = nil
            anchors.removeAll()
            expandedNodes = 0
            writtenNodes = 0
        case YAML_DOCUMENT_END_EVENT:
            if let root, !root.isNull { documents.append(root) }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let node = YAMLNode(
                .scalar(text, Self.style(scalar.style)),
                line: line,
                column: column,
                tag: Self.string(scalar.tag)
            )
            writtenNodes += 1
            expandedNodes += 1
            if let anchor = Self.string(scalar.anchor) { anchors[anchor] = (node, 1) }
            attach(node)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard stack.count < limits.maxDepth else {
                diagnostics.error(
                    .yamlTooDeep,
                    "nesting is deeper than \(limits.maxDepth) levels",
                    hint: "manifests need only a few levels; this file is probably malformed or hostile",
                    at: SourceLocation(file: path, line: line, column: column)
                )
                return false
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            writtenNodes += 1
            expandedNodes += 1
            stack.append(
                Frame(
                    isMapping: isMapping,
                    line: line,
                    column: column,
                    tag: Self.string(tag),
                    anchor: Self.string(anchor),
                    startWeight: expandedNodes - 1
                )
            )
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            let content: YAMLNode.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            let node = YAMLNode(content, line: frame.line, column: frame.column, tag: frame.tag)
            if let anchor = frame.anchor { anchors[anchor] = (node, expandedNodes - frame.startWeight) }
            attach(node)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            let location = SourceLocation(file: path, line: line, column: column)
            guard let target = anchors[name] else {
                diagnostics.error(.yamlSyntax, "alias '*\(name)' names no anchor defined before it", at: location)
                return false
            }
            let (sum, overflow) = expandedNodes.addingReportingOverflow(target.weight)
            expandedNodes = overflow ? .max : sum
            if expandedNodes > limits.maxExpandedNodes,
                expandedNodes / max(writtenNodes, 1) > limits.maxAliasAmplification
            {
                diagnostics.error(
                    .yamlAliasBomb,
                    "aliases expand this document to more than \(limits.maxExpandedNodes) nodes from \(writtenNodes) written",
                    hint:
                        "this looks like a 'billion laughs' alias bomb; write the values out instead of nesting aliases",
                    at: location
                )
                return false
            }
            var node = target.node
            node.line = line
            node.column = column
            attach(node)
        default:
            break
        }
        return true
    }

    private mutating func attach(_ node: YAMLNode) {
        guard var top = stack.popLast() else {
            root = node
            return
        }
        defer { stack.append(top) }
        guard top.isMapping else {
            top.items.append(node)
            return
        }
        guard let key = top.pendingKey else {
            top.pendingKey = node
            if let text = node.scalarText {
                if let firstLine = top.firstKeyLine[text] {
                    top.dropValue = true
                    diagnostics.error(
                        .duplicateKey,
                        "key '\(text)' appears twice in this mapping",
                        hint: "the first '\(text)' is on line \(firstLine); remove one of them",
                        at: node.location(in: path)
                    )
                } else {
                    top.firstKeyLine[text] = node.line
                }
            }
            return
        }
        if !top.dropValue { top.pairs.append(YAMLPair(key: key, value: node)) }
        top.pendingKey = nil
        top.dropValue = false
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t) {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let mark = parser.problem_mark
        let location = SourceLocation(file: path, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        // libyaml's own nesting guard can trip before ours when the scanner reads ahead.
        if problem.contains("nesting level") {
            diagnostics.error(
                .yamlTooDeep,
                "nesting is deeper than libyaml's limit",
                hint: "manifests need only a few levels; this file is probably malformed or hostile",
                at: location
            )
            return
        }
        var message = problem
        if let context { message += " (\(context) on line \(parser.context_mark.line + 1))" }
        diagnostics.error(
            .yamlSyntax,
            message,
            hint: "check the indentation and quoting around this position",
            at: location
        )
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
