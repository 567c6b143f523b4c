import Foundation
import HeatSyncCore
import HeatSyncEngine
import HeatSyncOpenStack
import HeatSyncStore
import HeatSyncTesting
import OpenStackSimulator

/// The engine against the simulator: a journal in a temp folder, the example repository,
/// and clients from a clouds.yaml naming the simulator `devcloud`.
final class EngineHarness: @unchecked Sendable {
    let simulator: OpenStackSimulator
    let folder: URL
    let environment: [String: String]
    let journal: SQLiteJournal
    let connections: CloudConnections
    let owner = "default"

    init(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration(createDuration: .milliseconds(100))
    ) async throws {
        simulator = try await OpenStackSimulator.start(configuration)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let user = SimulatedUser.defaults[1]
        let clouds = """
            clouds:
              devcloud:
                auth_type: v3applicationcredential
                auth:
                  auth_url: \(simulator.authURL)
                  application_credential_id: \(user.applicationCredentialID ?? "")
                  application_credential_secret: \(user.applicationCredentialSecret ?? "")
                region_name: RegionOne
            """
        try clouds.write(to: folder.appendingPathComponent("clouds.yaml"), atomically: true, encoding: .utf8)
        environment = ["OS_CLIENT_CONFIG_FILE": folder.appendingPathComponent("clouds.yaml").path, "HOME": folder.path]
        journal = try SQLiteJournal(path: folder.appendingPathComponent("state.db").path)
        connections = CloudConnections(environment: environment, requestsPerSecond: 1000)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func stop() async { await simulator.stop() }

    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples")

    /// The example repository, with `edit` applied to its files.
    func desired(_ edit: (inout [RepositoryFile]) -> Void = { _ in }) throws -> DesiredState {
        var files = try FixtureRepository.files(at: Self.examples).filter {
            $0.path.hasPrefix("projects/") || $0.path.hasPrefix("templates/")
        }
        edit(&files)
        return DesiredStateLoader.load(files)
    }

    func options(timeout: Duration = .seconds(30)) -> ApplyOptions {
        ApplyOptions(
            owner: owner,
            actor: "engine-test",
            parallelism: 8,
            pollInterval: .milliseconds(50),
            actionTimeout: timeout
        )
    }

    func run(_ desired: DesiredState, timeout: Duration = .seconds(30)) async throws -> ApplyRun.Outcome {
        try await ApplyRun(
            journal: journal,
            connections: connections,
            planOptions: PlanOptions(owner: owner),
            options: options(timeout: timeout)
        ).run(desired: desired)
    }

    func heat() async throws -> HeatClient { try await connections.clients(cloud: "devcloud").heat }

    func stackCounts() async throws -> [String: Int] {
        try await heat().listStacks(tags: []).reduce(into: [:]) { $0[$1.name, default: 0] += 1 }
    }
}
