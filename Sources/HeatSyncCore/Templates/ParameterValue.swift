/// Template parameter values in Heat's own form: Heat stores and returns every parameter as
/// a string (`"delay": "0"`), so heatsync renders them that way and compares like with like.
enum ParameterValue {
    /// The value of `node` as a parameter of `kind`, or nil when the node has the wrong type.
    static func heatString(_ node: YAMLNode, kind: TemplateParameter.Kind) -> String? {
        switch kind {
        case .string:
            guard let text = node.scalarText, !node.isNull else { return nil }
            return text
        case .number:
            if let value = node.numberValue { return JSONValue.canonicalNumber(value) }
            if let text = node.scalarText, let value = Double(text), value.isFinite {
                return JSONValue.canonicalNumber(value)
            }
            return nil
        case .boolean:
            if let value = node.boolValue { return value ? "true" : "false" }
            if let text = node.scalarText?.lowercased(), text == "true" || text == "false" { return text }
            return nil
        case .commaDelimitedList:
            if let items = node.sequenceItems {
                let texts = items.compactMap { $0.isNull ? nil : $0.scalarText }
                guard texts.count == items.count, !texts.contains(where: { $0.contains(",") }) else { return nil }
                return texts.joined(separator: ",")
            }
            return node.isNull ? nil : node.scalarText
        case .json:
            if node.mappingPairs != nil || node.sequenceItems != nil { return JSONValue(heatYAML: node).canonicalText }
            return node.isNull ? nil : node.scalarText
        }
    }

    /// Describes how `value` breaks the parameter's constraints, or nil when it keeps them.
    static func violation(of parameter: TemplateParameter, value: String) -> String? {
        if let allowed = parameter.allowedValues, !allowed.contains(value) {
            return "must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        }
        if let range = parameter.range, let number = Double(value) {
            if let min = range.min, number < min { return "must be at least \(JSONValue.canonicalNumber(min))" }
            if let max = range.max, number > max { return "must be at most \(JSONValue.canonicalNumber(max))" }
        }
        if let length = parameter.length {
            let count =
                parameter.kind == .commaDelimitedList
                ? (value.isEmpty ? 0 : value.split(separator: ",", omittingEmptySubsequences: false).count)
                : value.count
            if let min = length.min, count < min { return "must have a length of at least \(min)" }
            if let max = length.max, count > max { return "must have a length of at most \(max)" }
        }
        if let pattern = parameter.allowedPattern, let regex = try? Regex(pattern),
            (try? regex.wholeMatch(in: value)) == nil
        {
            return "must match the pattern \(pattern)"
        }
        return nil
    }
}
