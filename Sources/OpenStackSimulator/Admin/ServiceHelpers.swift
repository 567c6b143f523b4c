import Foundation

extension KeystoneState {
    /// A UUID-shaped id that stays the same across runs (flavors, images, networks, ports).
    static func stableUUID(_ name: String) -> String {
        let hex = stableID(name)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }
}

extension SimulatorState {
    /// Whether the caller has the admin role: admins see every project's stacks (real Heat, NOTES §0)
    /// and network resources.
    func isAdmin(_ token: KeystoneState.Token) -> Bool {
        keystone.users[token.userID]?.config.roles.contains("admin") ?? false
    }

}

/// A path with its ids replaced by `*`, so routes can be matched with array literals
/// (`["servers", "*", "action"]`); `ids` are the replaced segments, in order.
struct RouteShape {
    var shape: [String]
    var ids: [String]

    /// A segment is an id when it follows one of `collections` and is not in `keep`.
    init(_ segments: [String], collections: Set<String>, keep: Set<String> = ["detail"]) {
        shape = []
        ids = []
        for (index, segment) in segments.enumerated() {
            if index > 0, collections.contains(segments[index - 1]), !keep.contains(segment) {
                shape.append("*")
                ids.append(segment)
            } else {
                shape.append(segment)
            }
        }
    }

    var id: String { ids.first ?? "" }
}
