/// One stack or resource event (`GET …/stacks/{name}/{id}/events`). Stack-level events have
/// `resourceName` equal to the stack's name.
public struct HeatEvent: Sendable, Hashable {
    public var id: String
    /// `2026-11-24T10:07:38Z`, as Heat writes it.
    public var time: String?
    public var resourceName: String
    public var physicalResourceID: String?
    /// `CREATE_IN_PROGRESS`, `CREATE_FAILED`, …
    public var status: String
    public var statusReason: String?

    init?(json: [String: Any]) {
        guard let id = json["id"] as? String, let resourceName = json["resource_name"] as? String,
            let status = json["resource_status"] as? String
        else { return nil }
        self.id = id
        self.resourceName = resourceName
        self.status = status
        time = json["event_time"] as? String
        physicalResourceID = json["physical_resource_id"] as? String
        statusReason = json["resource_status_reason"] as? String
    }
}
