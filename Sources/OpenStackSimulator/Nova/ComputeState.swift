import Foundation

/// Flavors, key pairs and servers. Heat creates a server here for every `OS::Nova::Server`
/// resource of a stack and removes it when the stack is deleted.
struct ComputeState: Sendable {
    var servers: [String: SimServer] = [:]
}

/// A simulated Nova server.
struct SimServer: Sendable, Hashable {
    var id: String
    var name: String
    var projectID: String
    /// Nova's `status`: ACTIVE, SHUTOFF, REBOOT, HARD_REBOOT, BUILD, ERROR.
    var status: String
    var flavor: String
    var image: String
    var keyName: String?
    var privateIP: String
    var publicIP: String?
    /// The stack that owns the server, when Heat created it.
    var stackID: String?
    var createdAt: Date
    var metadata: [String: String] = [:]
}
