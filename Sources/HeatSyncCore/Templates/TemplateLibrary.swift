/// The templates of a repository, by reference, and the problems found loading them.
public struct TemplateLibrary: Sendable {
    public private(set) var templates: [TemplateRef: HeatTemplate] = [:]

    public init(_ templates: [HeatTemplate] = []) {
        for template in templates { self.templates[template.ref] = template }
    }

    public subscript(ref: TemplateRef) -> HeatTemplate? { templates[ref] }

    public var names: [String] { Array(Set(templates.keys.map(\.name))).sorted() }

    public func versions(of name: String) -> [Int] {
        templates.keys.filter { $0.name == name }.map(\.version).sorted()
    }

    mutating func insert(_ template: HeatTemplate) { templates[template.ref] = template }
}

extension HeatTemplate {
    static let parameterFields = [
        "type", "default", "description", "label", "constraints", "hidden", "immutable", "tags",
    ]

    /// Parses one template file; nil (with diagnostics) when it is not usable.
    static func parse(path: String, bytes: [UInt8], diagnostics: inout Diagnostics) -> HeatTemplate? {
        let fileName = String(path.dropFirst("templates/".count))
        let refText = fileName.hasSuffix(".yaml") ? String(fileName.dropLast(5)) : fileName
        guard let ref = TemplateRef(refText), fileName.hasSuffix(".yaml") else {
            diagnostics.error(
                .invalidTemplate,
                "template file name '\(fileName)' is not <name>@v<N>.yaml",
                hint: "name templates like ubuntu-basic@v1.yaml",
                at: .start(of: path)
            )
            return nil
        }
        let yaml = YAMLReader.read(bytes, path: path)
        diagnostics.append(contentsOf: yaml.diagnostics)
        guard yaml.documents.count <= 1 else {
            diagnostics.error(.multipleDocuments, "a template file holds one document", at: .start(of: path))
            return nil
        }
        guard let document = yaml.documents.first else { return nil }
        var decoder = NodeDecoder(file: path)
        guard let pairs = document.mappingPairs else {
            decoder.wrongType(document, at: "the template", expected: "a mapping")
            diagnostics.append(contentsOf: decoder.diagnostics)
            return nil
        }
        let top = Dictionary(pairs.compactMap { pair in pair.key.scalarText.map { ($0, pair.value) } }) { a, _ in a }
        func problem(_ message: String, at node: YAMLNode?, hint: String? = nil) {
            decoder.diagnostics.error(
                .invalidTemplate,
                message,
                hint: hint,
                at: node.map(decoder.location) ?? .start(of: path)
            )
        }
        if top["heat_template_version"] == nil {
            problem(
                "template has no heat_template_version",
                at: document,
                hint: "add heat_template_version: 2018-08-31"
            )
        }
        var parameters: [String: TemplateParameter] = [:]
        if let node = top["parameters"] {
            if let declared = node.mappingPairs {
                for pair in declared {
                    guard let name = pair.key.scalarText else { continue }
                    if let parameter = TemplateParameter.parse(name: name, node: pair.value, decoder: &decoder) {
                        parameters[name] = parameter
                    }
                }
            } else if !node.isNull {
                problem("parameters must be a mapping", at: node)
            }
        }
        for required in requiredParameters where parameters[required] == nil {
            problem(
                "template declares no '\(required)' parameter",
                at: top["parameters"] ?? document,
                hint: "every heatsync template takes the VM's \(required) as parameter '\(required)'"
            )
        }
        if (top["resources"]?.mappingPairs ?? []).isEmpty {
            problem("template has no resources", at: top["resources"] ?? document)
        }
        let outputs = Set((top["outputs"]?.mappingPairs ?? []).compactMap(\.key.scalarText))
        for output in requiredOutputs where !outputs.contains(output) {
            problem(
                "template has no '\(output)' output",
                at: top["outputs"] ?? document,
                hint: "heatsync templates must output \(requiredOutputs.joined(separator: ", "))"
            )
        }
        diagnostics.append(contentsOf: decoder.diagnostics)
        guard !decoder.diagnostics.hasErrors else { return nil }
        return HeatTemplate(
            ref: ref,
            file: path,
            parameters: parameters,
            outputs: outputs,
            body: JSONValue(heatYAML: document)
        )
    }
}

extension TemplateParameter {
    static func parse(name: String, node: YAMLNode, decoder: inout NodeDecoder) -> TemplateParameter? {
        let path = "parameters.\(name)"
        guard let fields = decoder.fields(of: node, at: path, allowed: HeatTemplate.parameterFields) else { return nil }
        guard let typeNode = fields["type"]?.value else {
            decoder.diagnostics.error(.invalidTemplate, "parameter '\(name)' has no type", at: decoder.location(node))
            return nil
        }
        guard let typeText = typeNode.scalarText, let kind = Kind(rawValue: typeText) else {
            decoder.diagnostics.error(
                .invalidTemplate,
                "parameter '\(name)' has unknown type '\(typeNode.scalarText ?? "?")'",
                hint: Suggestion.hint(for: typeNode.scalarText ?? "", among: Kind.allCases.map(\.rawValue)),
                at: decoder.location(typeNode)
            )
            return nil
        }
        var parameter = TemplateParameter(name: name, kind: kind)
        if let defaultNode = fields["default"]?.value {
            parameter.defaultValue = ParameterValue.heatString(defaultNode, kind: kind) ?? defaultNode.scalarText ?? ""
        }
        for constraint in fields["constraints"]?.value.sequenceItems ?? [] {
            for pair in constraint.mappingPairs ?? [] {
                switch pair.key.scalarText {
                case "allowed_values":
                    parameter.allowedValues = pair.value.sequenceItems?.compactMap {
                        ParameterValue.heatString($0, kind: kind) ?? $0.scalarText
                    }
                case "range":
                    let bounds = pair.value.mappingPairs ?? []
                    parameter.range = (
                        bounds.first { $0.key.scalarText == "min" }?.value.numberValue,
                        bounds.first { $0.key.scalarText == "max" }?.value.numberValue
                    )
                case "length":
                    let bounds = pair.value.mappingPairs ?? []
                    parameter.length = (
                        bounds.first { $0.key.scalarText == "min" }?.value.intValue,
                        bounds.first { $0.key.scalarText == "max" }?.value.intValue
                    )
                case "allowed_pattern":
                    parameter.allowedPattern = pair.value.scalarText
                default:
                    break
                }
            }
        }
        return parameter
    }

    init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
