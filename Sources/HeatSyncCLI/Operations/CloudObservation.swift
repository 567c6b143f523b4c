import HeatSyncCore
import HeatSyncEngine

/// Observes every cloud the repository's projects use: a project's `spec.cloud`, else the
/// cloud chosen on the command line or by `OS_CLOUD` (or the plain `OS_*` environment).
enum CloudObservation {
    static func observe(
        _ desired: DesiredState,
        defaultCloud: String?,
        owner: String,
        environment: [String: String],
        requestsPerSecond: Double = 20,
        extraClouds: Set<String?> = []
    ) async throws -> [ObservedStack] {
        let connections = CloudConnections(
            environment: environment,
            defaultCloud: defaultCloud,
            requestsPerSecond: requestsPerSecond
        )
        return try await CloudObserver.observe(
            desired,
            connections: connections,
            owner: owner,
            extraClouds: extraClouds
        )
    }
}
