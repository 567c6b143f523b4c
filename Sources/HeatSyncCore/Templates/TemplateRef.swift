/// A versioned template name, `<name>@v<N>`, as written in `spec.template` and in the
/// template's file name (`templates/<name>@v<N>.yaml`).
public struct TemplateRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var name: String
    public var version: Int

    public init(name: String, version: Int) {
        self.name = name
        self.version = version
    }

    /// Parses `name@vN`; nil when the text does not have that shape. The name follows the
    /// resource-name rule, so a reference can never point outside `templates/`.
    public init?(_ text: String) {
        guard let at = text.lastIndex(of: "@") else { return nil }
        let name = String(text[..<at])
        let versionText = text[text.index(after: at)...]
        guard versionText.hasPrefix("v"), let version = Int(versionText.dropFirst()), version >= 1,
            !versionText.dropFirst().hasPrefix("0"), !versionText.dropFirst().hasPrefix("+"),
            ResourceName.isValid(name)
        else { return nil }
        self.init(name: name, version: version)
    }

    public var description: String { "\(name)@v\(version)" }

    /// `templates/<name>@v<N>.yaml`
    public var path: String { "templates/\(self).yaml" }

    public static func < (lhs: TemplateRef, rhs: TemplateRef) -> Bool {
        (lhs.name, lhs.version) < (rhs.name, rhs.version)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let ref = TemplateRef(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not name@vN: \(text)")
            )
        }
        self = ref
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
