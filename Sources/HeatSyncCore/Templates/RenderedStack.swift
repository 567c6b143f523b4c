/// What heatsync sends to Heat for one VM: the template body, the parameters in Heat's
/// string form, and the spec hash over both.
public struct RenderedStack: Sendable, Hashable {
    public var template: TemplateRef
    public var body: JSONValue
    public var parameters: [String: String]
    /// The first 128 bits of SHA-256 over the canonical `{"parameters":…,"template":…}`,
    /// as 32 hex digits: stable across runs, machines and YAML formatting.
    public var specHash: String

    public init(template: TemplateRef, body: JSONValue, parameters: [String: String]) {
        self.template = template
        self.body = body
        self.parameters = parameters
        let canonical = JSONValue.object([
            "template": body,
            "parameters": .object(parameters.mapValues { .string($0) }),
        ])
        specHash = Hex.digest128(canonical.canonicalText)
    }
}
