import HeatSyncCore
import HeatSyncEngine
import HeatSyncOpenStack

/// Observes every cloud the repository's projects use: a project's `spec.cloud`, else the
/// cloud chosen on the command line or by `OS_CLOUD` (or the plain `OS_*` environment).
enum CloudObservation {
    static func observe(
        _ desired: DesiredState,
        defaultCloud: String?,
        owner: String,
        environment: [String: String]
    ) async throws -> [ObservedStack] {
        var vmsByCloud: [String?: [DesiredVM]] = [:]
        for project in desired.projects.values {
            let cloud = project.manifest?.cloud ?? defaultCloud ?? environment["OS_CLOUD"]
            vmsByCloud[cloud, default: []].append(contentsOf: project.vms)
        }
        if vmsByCloud.isEmpty { vmsByCloud[defaultCloud ?? environment["OS_CLOUD"]] = [] }
        var observed: [ObservedStack] = []
        // Reads stay polite on a shared cloud: at most 20 requests per second per endpoint.
        let transport = RateLimitedTransport(CurlTransport(), limiter: RateLimiter(requestsPerSecond: 20, burst: 20))
        for (cloud, vms) in vmsByCloud.sorted(by: { ($0.key ?? "") < ($1.key ?? "") }) {
            let config = try CloudConfigLoader.load(cloud: cloud, environment: environment)
            let session = KeystoneSession(cloud: config, transport: transport)
            let observer = CloudObserver(heat: HeatClient(session: session))
            observed += try await observer.observe(vms, owner: owner)
        }
        return observed
    }
}
