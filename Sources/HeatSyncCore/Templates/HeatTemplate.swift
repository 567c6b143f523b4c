/// A parsed Heat HOT template from `templates/<name>@v<N>.yaml`.
public struct HeatTemplate: Sendable, Hashable {
    /// Outputs every heatsync template must provide; status reports read them.
    public static let requiredOutputs = ["server_id", "private_ip", "public_ip"]
    /// Parameters every template must declare, because every VM sets them.
    public static let requiredParameters = ["image", "flavor"]

    public var ref: TemplateRef
    public var file: String
    public var parameters: [String: TemplateParameter]
    public var outputs: Set<String>
    /// The template as Heat receives it.
    public var body: JSONValue
    /// `body.canonicalText`, computed once per template rather than once per VM.
    public var canonicalBody: String

    init(ref: TemplateRef, file: String, parameters: [String: TemplateParameter], outputs: Set<String>, body: JSONValue)
    {
        self.ref = ref
        self.file = file
        self.parameters = parameters
        self.outputs = outputs
        self.body = body
        canonicalBody = body.canonicalText
    }
}

/// One declared template parameter.
public struct TemplateParameter: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case string, number, json, boolean
        case commaDelimitedList = "comma_delimited_list"
    }

    public var name: String
    public var kind: Kind
    /// The default in Heat's string form, when the template gives one.
    public var defaultValue: String?
    public var allowedValues: [String]?
    public var range: (min: Double?, max: Double?)?
    public var length: (min: Int?, max: Int?)?
    public var allowedPattern: String?

    public var isRequired: Bool { defaultValue == nil }

    public static func == (lhs: TemplateParameter, rhs: TemplateParameter) -> Bool {
        lhs.name == rhs.name && lhs.kind == rhs.kind && lhs.defaultValue == rhs.defaultValue
            && lhs.allowedValues == rhs.allowedValues && lhs.range?.min == rhs.range?.min
            && lhs.range?.max == rhs.range?.max && lhs.length?.min == rhs.length?.min
            && lhs.length?.max == rhs.length?.max && lhs.allowedPattern == rhs.allowedPattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(kind)
        hasher.combine(defaultValue)
    }
}
