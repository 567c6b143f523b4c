public import Foundation
public import HeatSyncCore
public import HeatSyncOpenStack

/// The OpenStack clients of every cloud a run touches, made once per cloud and shared by
/// observation, apply and waiting, so one token and one request budget serve them all
/// (DESIGN §11.6: one cloud-API budget).
public actor CloudConnections {
    /// The clients of one cloud.
    public struct Clients: Sendable {
        public let cloud: String?
        public let heat: HeatClient
        public let nova: NovaClient
    }

    private let environment: [String: String]
    private let defaultCloud: String?
    private let transport: any HTTPTransport
    private var cache: [String: Clients] = [:]

    /// - Parameters:
    ///   - defaultCloud: the cloud for projects without `spec.cloud` (else `OS_CLOUD`, else `OS_*`).
    ///   - requestsPerSecond: the per-endpoint token bucket shared by every call of this run.
    public init(
        environment: [String: String],
        defaultCloud: String? = nil,
        requestsPerSecond: Double = 20,
        transport: (any HTTPTransport)? = nil
    ) {
        self.environment = environment
        self.defaultCloud = defaultCloud
        let burst = max(1, Int(requestsPerSecond))
        self.transport =
            transport
            ?? RateLimitedTransport(
                CurlTransport(),
                limiter: RateLimiter(requestsPerSecond: requestsPerSecond, burst: burst)
            )
    }

    /// The clouds.yaml entry a project uses: its `spec.cloud`, else the default cloud.
    public nonisolated func cloud(for project: DesiredProject?) -> String? {
        project?.manifest?.cloud ?? defaultCloud ?? environment["OS_CLOUD"]
    }

    /// The default cloud (for stacks whose project is not in the repository).
    public nonisolated var fallbackCloud: String? { defaultCloud ?? environment["OS_CLOUD"] }

    /// The clients of `cloud`, configured from clouds.yaml or the `OS_*` environment.
    /// - Throws: the loader's configuration error (missing cloud, field, auth type).
    public func clients(cloud: String?) throws -> Clients {
        let key = cloud ?? ""
        if let clients = cache[key] { return clients }
        let config = try CloudConfigLoader.load(cloud: cloud, environment: environment)
        let session = KeystoneSession(cloud: config, transport: transport)
        let clients = Clients(cloud: cloud, heat: HeatClient(session: session), nova: NovaClient(session: session))
        cache[key] = clients
        return clients
    }
}
