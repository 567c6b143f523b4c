/// A decoded `kind: VirtualMachine` document.
public struct VirtualMachineManifest: Sendable, Hashable {
    public var project: String
    public var name: String
    /// `metadata.id`, when the manifest pins its identity.
    public var pinnedID: String?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var spec: VMSpec
    public var file: String
    /// Where the document starts.
    public var location: SourceLocation
    /// Positions of fields later checks point at: `metadata.name`, `metadata.id`, `spec`,
    /// `spec.template`, `spec.networkProfile`, `spec.parameters.<key>` (the key) and
    /// `spec.parameters.<key>=` (the value).
    public var locations: [String: SourceLocation]

    public var deletionProtection: Bool { annotations[Annotation.deletionProtection] == "true" }
    public var allowsAdoption: Bool { annotations[Annotation.adopt] == "true" }

    /// The position of a field, or the document's start when it was not written.
    public func location(of field: String) -> SourceLocation {
        locations[field] ?? location
    }
}

/// What a VM should look like.
public struct VMSpec: Sendable, Hashable {
    public var template: TemplateRef
    public var image: String
    public var flavor: String
    public var keyPair: String?
    /// nil means "the project's `default` profile, if it has one".
    public var networkProfile: String?
    public var securityGroups: [String]?
    public var publicIP: Bool?
    public var gpus: Int?
    public var power: PowerState
    public var userData: String?
    /// Extra template parameters as written; checked against the template when rendering.
    public var parameters: [String: YAMLNode]
    public var state: DesiredPresence
}

public enum PowerState: String, Sendable, Hashable, Codable, CaseIterable {
    case on, off
}

public enum DesiredPresence: String, Sendable, Hashable, Codable, CaseIterable {
    case present, absent
}

/// The `heatsync/…` annotations heatsync reads.
public enum Annotation {
    public static let deletionProtection = "heatsync/deletion-protection"
    public static let adopt = "heatsync/adopt"
    public static let known = [deletionProtection, adopt]
}
