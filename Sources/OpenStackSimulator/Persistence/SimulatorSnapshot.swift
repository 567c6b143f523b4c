import Foundation

/// What `heatsync sim --state FILE` keeps across restarts: stacks (with their resources,
/// events and pending operations), servers, key pairs, the address counters behind ports and
/// floating IPs, and the id generator, so new ids never collide with restored ones. Tokens
/// and injected faults are not kept: a restarted cloud asks clients to authenticate again.
struct SimulatorSnapshot: Sendable, Codable {
    /// Bumped when the format changes incompatibly; an unknown version is refused.
    static let currentVersion = 1

    var version: Int
    var stacks: [SimStack]
    var servers: [SimServer]
    var keypairs: [String: [String: SimKeypair]]
    var nextPrivateHost: Int
    var nextFloatingHost: Int
    var random: SeededRandom

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    static func decode(_ data: Data) throws -> SimulatorSnapshot {
        let snapshot = try JSONDecoder().decode(SimulatorSnapshot.self, from: data)
        guard snapshot.version == currentVersion else {
            throw SimulatorError(
                description: "state file version \(snapshot.version) is not supported (expected \(currentVersion))"
            )
        }
        return snapshot
    }
}
