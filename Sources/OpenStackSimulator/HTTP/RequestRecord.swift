import Foundation

/// One request the simulator served, for tests to assert on ("plan made exactly 2 list calls").
public struct RequestRecord: Sendable, Hashable, Codable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var status: Int
    /// Which simulated service answered: identity, orchestration, compute, image, network, admin.
    public var service: String
    public var requestID: String
}
