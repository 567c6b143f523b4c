/// What heatsync sends to Heat for one VM: the template body, the parameters in Heat's
/// string form, and the spec hash over both.
public struct RenderedStack: Sendable, Hashable {
    public var template: TemplateRef
    public var body: JSONValue
    public var parameters: [String: String]
    /// The first 128 bits of SHA-256 over the canonical `{"parameters":…,"template":…}`,
    /// as 32 hex digits: stable across runs, machines and YAML formatting.
    public var specHash: String

    public init(template: HeatTemplate, parameters: [String: String]) {
        self.template = template.ref
        body = template.body
        self.parameters = parameters
        // The canonical text of {"parameters":…,"template":…} ("parameters" sorts first),
        // reusing the template's canonical body instead of re-encoding it for every VM.
        let text =
            "{\"parameters\":" + JSONValue.object(parameters.mapValues { .string($0) }).canonicalText
            + ",\"template\":" + template.canonicalBody + "}"
        specHash = Hex.digest128(text)
    }
}
