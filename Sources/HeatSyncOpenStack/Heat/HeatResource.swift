/// One resource of a stack (`GET …/stacks/{name}/{id}/resources`).
public struct HeatResource: Sendable, Hashable {
    public var name: String
    /// `OS::Nova::Server`, …
    public var type: String
    public var physicalID: String?
    public var status: String
    public var statusReason: String?

    init?(json: [String: Any]) {
        guard let name = json["resource_name"] as? String, let type = json["resource_type"] as? String,
            let status = json["resource_status"] as? String
        else { return nil }
        self.name = name
        self.type = type
        self.status = status
        let physical = json["physical_resource_id"] as? String
        physicalID = physical?.isEmpty == true ? nil : physical
        statusReason = json["resource_status_reason"] as? String
    }
}
