import Foundation

/// Users, projects, application credentials and issued tokens.
struct KeystoneState: Sendable {
    struct Project: Sendable, Hashable {
        var id: String
        var name: String
    }

    struct User: Sendable {
        var id: String
        var config: SimulatedUser
    }

    struct Token: Sendable {
        var value: String
        var userID: String
        var projectID: String
        var methods: [String]
        var issuedAt: Date
        var expiresAt: Date
        var applicationCredentialID: String?
        var revoked = false
        /// What `expires_at` says, when an injected clock skew makes the token die earlier.
        var claimedExpiresAt: Date?
    }

    var projects: [String: Project] = [:]
    var users: [String: User] = [:]
    var tokens: [String: Token] = [:]

    init(users configured: [SimulatedUser]) {
        for user in configured {
            let project = Project(id: Self.stableID("project/\(user.project)"), name: user.project)
            projects[project.id] = project
            let id = Self.stableID("user/\(user.name)")
            users[id] = User(id: id, config: user)
        }
    }

    func project(named name: String) -> Project? { projects.values.first { $0.name == name } }

    func user(named name: String) -> User? { users.values.first { $0.config.name == name } }

    /// A token that is known, not revoked and not expired at `now`.
    func validToken(_ value: String?, now: Date) -> Token? {
        guard let value, let token = tokens[value], !token.revoked, token.expiresAt > now else { return nil }
        return token
    }

    /// Ids that stay the same across runs, so clouds.yaml and fixtures can name them.
    static func stableID(_ name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var out = ""
        for round in 0..<2 {
            for byte in Array("\(round):\(name)".utf8) {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            let hex = String(hash, radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return out
    }
}
