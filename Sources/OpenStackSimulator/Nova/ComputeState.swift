import Foundation

/// Flavors, key pairs and servers. Heat creates a server here for every `OS::Nova::Server`
/// resource of a stack and removes it when the stack is deleted.
struct ComputeState: Sendable {
    var servers: [String: SimServer] = [:]
    /// Key pairs created through `POST /os-keypairs`, by project then name (`ops` always exists).
    var keypairs: [String: [String: SimKeypair]] = [:]
    /// How long a reboot keeps a server in `REBOOT` / `HARD_REBOOT`.
    var rebootDuration: TimeInterval = 0.3

    /// Ends the reboots whose time is up (transitions are computed lazily, when read).
    mutating func settle(now: Date) {
        for (id, server) in servers {
            guard let ends = server.transitionEndsAt, ends <= now else { continue }
            servers[id]?.status = "ACTIVE"
            servers[id]?.transitionEndsAt = nil
        }
    }

    /// The servers of one project, newest first (Nova's default order).
    func servers(of projectID: String) -> [SimServer] {
        servers.values.filter { $0.projectID == projectID }.sorted { first, second in
            first.createdAt == second.createdAt ? first.id < second.id : first.createdAt > second.createdAt
        }
    }
}

/// A simulated Nova server.
struct SimServer: Sendable, Hashable, Codable {
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
    /// When a transitional status (REBOOT, HARD_REBOOT) turns ACTIVE.
    var transitionEndsAt: Date? = nil
    var updatedAt: Date? = nil

    /// Nova's `OS-EXT-STS:vm_state`.
    var vmState: String {
        switch status {
        case "SHUTOFF": "stopped"
        case "BUILD": "building"
        case "ERROR": "error"
        default: "active"
        }
    }

    /// Nova's `OS-EXT-STS:task_state`, nil when no task runs.
    var taskState: String? {
        switch status {
        case "REBOOT": "rebooting"
        case "HARD_REBOOT": "rebooting_hard"
        case "BUILD": "spawning"
        default: nil
        }
    }

    /// Nova's `OS-EXT-STS:power_state`: 0 no state, 1 running, 4 shutdown.
    var powerState: Int {
        switch status {
        case "SHUTOFF": 4
        case "BUILD", "ERROR": 0
        default: 1
        }
    }
}

/// A Nova key pair.
struct SimKeypair: Sendable, Hashable, Codable {
    var name: String
    var publicKey: String
    var fingerprint: String
    var createdAt: Date

    /// The key pair every project has: `ops`.
    static func ops(projectID: String) -> SimKeypair {
        SimKeypair(
            name: "ops",
            publicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + KeystoneState.stableID("key/\(projectID)").prefix(43)
                + " ops@heatsync",
            fingerprint: fingerprint(of: "ops/\(projectID)"),
            createdAt: Date(timeIntervalSince1970: 1_767_225_600)
        )
    }

    /// An MD5-looking colon-separated fingerprint, stable for a key.
    static func fingerprint(of key: String) -> String {
        let hex = Array(KeystoneState.stableID("fingerprint/\(key)"))
        return stride(from: 0, to: 32, by: 2).map { String(hex[$0...$0 + 1]) }.joined(separator: ":")
    }
}
