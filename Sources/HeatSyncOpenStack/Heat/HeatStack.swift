import Foundation

/// A stack as Heat's list or show returns it.
public struct HeatStack: Sendable, Hashable {
    public var name: String
    public var id: String
    public var status: String
    public var statusReason: String?
    /// Tags as Heat stores them (an empty list when none).
    public var tags: [String]
    public var creationTime: String?
    public var updatedTime: String?
    /// Outputs, from a show (a list never carries them).
    public var outputs: [String: String]?
    /// Parameters (Heat's string form), from a show.
    public var parameters: [String: String]?

    public var isDeleted: Bool { status == "DELETE_COMPLETE" }

    init?(json: [String: Any]) {
        guard let name = json["stack_name"] as? String, let id = json["id"] as? String,
            let status = json["stack_status"] as? String
        else { return nil }
        self.name = name
        self.id = id
        self.status = status
        statusReason = json["stack_status_reason"] as? String
        tags = json["tags"] as? [String] ?? []
        creationTime = json["creation_time"] as? String
        updatedTime = json["updated_time"] as? String
        if let outputs = json["outputs"] as? [[String: Any]] {
            var values: [String: String] = [:]
            for output in outputs {
                guard let key = output["output_key"] as? String else { continue }
                switch output["output_value"] {
                case let text as String: values[key] = text
                case let number as NSNumber: values[key] = number.stringValue
                case nil, is NSNull: values[key] = ""
                case let other?: values[key] = String(describing: other)
                }
            }
            self.outputs = values
        }
        if let parameters = json["parameters"] as? [String: Any] {
            self.parameters = parameters.compactMapValues { $0 as? String }
        }
    }
}

/// What Heat's update preview says will happen to the resources.
public struct UpdatePreview: Sendable, Hashable {
    public var unchanged: [String]
    public var updated: [String]
    public var replaced: [String]
    public var added: [String]
    public var deleted: [String]

    /// Whether a server resource would be replaced (the VM rebuilt).
    public var replacesServer: Bool { !replacedServers.isEmpty }
    /// Names of `OS::Nova::Server` resources that would be replaced.
    public var replacedServers: [String]
}
