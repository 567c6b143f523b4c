/// The tags heatsync puts on every stack it creates, and their parsed form.
///
/// Real Heat takes tags as one comma-separated string, at most 80 characters per tag, no
/// commas inside, and a PUT without tags clears them (shared/devcloud/NOTES.md), so every
/// value here is bounded and the full list is sent on every create and update.
public struct StackTags: Sendable, Hashable, Codable {
    public static let marker = "heatsync"
    public static let maxTagLength = 80

    public var owner: String?
    public var project: String?
    public var name: String?
    public var specHash: String?
    public var template: String?
    public var isProtected: Bool
    /// Whether the plain `heatsync` marker tag is present.
    public var isHeatsync: Bool

    public init(
        owner: String?,
        project: String?,
        name: String?,
        specHash: String?,
        template: String?,
        isProtected: Bool = false,
        isHeatsync: Bool = true
    ) {
        self.owner = owner
        self.project = project
        self.name = name
        self.specHash = specHash
        self.template = template
        self.isProtected = isProtected
        self.isHeatsync = isHeatsync
    }

    /// Reads heatsync's tags out of a stack's tag list; other tags are ignored.
    public init(parsing tags: [String]) {
        func value(_ key: String) -> String? {
            tags.first { $0.hasPrefix("heatsync-\(key)=") }.map { String($0.dropFirst("heatsync-\(key)=".count)) }
        }
        self.init(
            owner: value("owner"),
            project: value("project"),
            name: value("name"),
            specHash: value("spec"),
            template: value("template"),
            isProtected: tags.contains("heatsync-protected"),
            isHeatsync: tags.contains(StackTags.marker)
        )
    }

    /// Whether any heatsync tag is present.
    public var hasAnyHeatsyncTag: Bool {
        isHeatsync || owner != nil || project != nil || name != nil || specHash != nil
    }

    /// The tag list, in a fixed order.
    public var tags: [String] {
        var out = [StackTags.marker]
        if let owner { out.append("heatsync-owner=\(owner)") }
        if let project { out.append("heatsync-project=\(project)") }
        if let name { out.append("heatsync-name=\(name)") }
        if let specHash { out.append("heatsync-spec=\(specHash)") }
        if let template { out.append("heatsync-template=\(template)") }
        if isProtected { out.append("heatsync-protected") }
        return out
    }

    /// The string Heat's API takes: tags joined by commas.
    public var headerValue: String { tags.joined(separator: ",") }

    /// Why `owner` cannot be used in a tag, or nil when it can.
    public static func problem(withOwner owner: String) -> String? {
        if owner.isEmpty { return "the owner id is empty" }
        if owner.contains(",") { return "the owner id holds a comma, which Heat uses to separate tags" }
        let length = "heatsync-owner=".count + owner.count
        if length > maxTagLength {
            return "the owner tag would be \(length) characters; Heat allows \(maxTagLength)"
        }
        return nil
    }
}
