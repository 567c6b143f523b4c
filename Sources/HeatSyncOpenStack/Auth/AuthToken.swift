import Foundation

/// A Keystone token and what came with it. The token value is a secret: it is never part of
/// a description, log line or error.
struct AuthToken: Sendable {
    struct Endpoint: Sendable, Hashable {
        var interface: String
        var region: String?
        var url: String
    }

    var value: String
    var expiresAt: Date
    var projectID: String?
    /// Endpoints by service type.
    var catalog: [String: [Endpoint]]

    /// Reads Keystone's token response (`X-Subject-Token` + `{"token": {…}}`).
    init(response: HTTPResponse) throws {
        guard let value = response.header("x-subject-token"), !value.isEmpty else {
            throw OpenStackError(.unexpectedResponse, "Keystone returned no X-Subject-Token")
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        guard let token = object?["token"] as? [String: Any], let expires = token["expires_at"] as? String,
            let expiresAt = Self.parseDate(expires)
        else {
            throw OpenStackError(.unexpectedResponse, "Keystone's token response has no readable expires_at")
        }
        self.value = value
        self.expiresAt = expiresAt
        projectID = (token["project"] as? [String: Any])?["id"] as? String
        var catalog: [String: [Endpoint]] = [:]
        for service in token["catalog"] as? [[String: Any]] ?? [] {
            guard let type = service["type"] as? String else { continue }
            catalog[type] = (service["endpoints"] as? [[String: Any]] ?? []).compactMap { endpoint in
                guard let url = endpoint["url"] as? String, let interface = endpoint["interface"] as? String else {
                    return nil
                }
                return Endpoint(
                    interface: interface,
                    region: (endpoint["region_id"] as? String) ?? (endpoint["region"] as? String),
                    url: url
                )
            }
        }
        self.catalog = catalog
    }

    /// Keystone writes `2026-11-24T11:07:24.000000Z`; accept it with or without the fraction.
    static func parseDate(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }
}
