public import Foundation

/// One Heat event of a VM's stack, as kept by the journal (the last few per VM).
public struct StackEventRecord: Sendable, Hashable, Codable {
    public var id: String
    public var at: Date
    public var resourceName: String
    public var status: String
    public var reason: String?

    public init(id: String, at: Date, resourceName: String, status: String, reason: String?) {
        self.id = id
        self.at = at
        self.resourceName = resourceName
        self.status = status
        self.reason = reason
    }
}
