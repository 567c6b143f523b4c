/// One cloud from clouds.yaml (or the `OS_*` environment): where Keystone is, how to
/// authenticate, and how to reach the services.
public struct CloudConfig: Sendable, Hashable, CustomStringConvertible {
    public enum Credentials: Sendable, Hashable {
        case password(
            username: String,
            userDomain: String,
            password: String,
            projectName: String?,
            projectID: String?,
            projectDomain: String
        )
        case applicationCredential(id: String?, name: String?, username: String?, userDomain: String, secret: String)
    }

    public var name: String
    public var authURL: String
    public var credentials: Credentials
    public var region: String?
    /// Catalog interface: `public` (default), `internal` or `admin`.
    public var interface: String
    public var tls: TLSOptions
    /// Per service type (`orchestration`, `compute`, …): an endpoint to use instead of the catalog's.
    public var endpointOverrides: [String: String]

    public init(
        name: String,
        authURL: String,
        credentials: Credentials,
        region: String? = nil,
        interface: String = "public",
        tls: TLSOptions = TLSOptions(),
        endpointOverrides: [String: String] = [:]
    ) {
        self.name = name
        self.authURL = authURL
        self.credentials = credentials
        self.region = region
        self.interface = interface
        self.tls = tls
        self.endpointOverrides = endpointOverrides
    }

    /// Who authenticates, for messages: never the password or secret.
    public var principal: String {
        switch credentials {
        case .password(let username, _, _, let project, let projectID, _):
            return "user \(username), project \(project ?? projectID ?? "(default)")"
        case .applicationCredential(let id, let name, _, _, _):
            return "application credential \(id ?? name ?? "?")"
        }
    }

    /// Redacted: printing a configuration never shows a secret.
    public var description: String {
        "cloud \(name) (\(authURL), \(principal), region \(region ?? "any"), \(interface))"
    }
}
