import Foundation
import HeatSyncCore
import HeatSyncOpenStack
import OpenStackSimulator

@testable import HeatSyncCLI

/// The simulator on a free loopback port, a copy of the example repository beside its
/// clouds.yaml, and the environment that points heatsync at both.
final class SimulatedCloud: @unchecked Sendable {
    let simulator: OpenStackSimulator
    let folder: TemporaryRepository
    let environment: [String: String]

    var repository: String { folder.path + "/repo" }

    init(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration(createDuration: .milliseconds(100))
    ) async throws {
        simulator = try await OpenStackSimulator.start(configuration)
        folder = try TemporaryRepository(files: [
            "clouds.yaml": SimCommand.cloudsYAML(authURL: simulator.authURL, cloudName: "devcloud")
        ])
        environment = [
            "OS_CLIENT_CONFIG_FILE": folder.path + "/clouds.yaml",
            "HOME": folder.path,
            "HEATSYNC_ACTOR": "test-suite",
        ]
        for part in ["projects", "templates"] {
            try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: CLI.path("examples/\(part)"), toPath: repository + "/\(part)")
        }
    }

    func stop() async { await simulator.stop() }

    /// `heatsync apply` on the repository copy, fast polling, no confirmation.
    func apply(_ extra: [String] = []) async throws -> CommandResult {
        try await CLI.run(
            ["apply", repository, "--auto-approve", "--poll-interval", "0.1", "--no-color"] + extra,
            environment: environment
        )
    }

    func run(_ arguments: [String]) async throws -> CommandResult {
        try await CLI.run(arguments, environment: environment)
    }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: repository + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: repository + "/" + path, encoding: .utf8)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: repository + "/" + path)
    }

    /// A Heat client logged in as the demo user, to arrange the cloud behind heatsync's back.
    func heat() throws -> HeatClient {
        let config = try CloudConfigLoader.load(cloud: "devcloud", environment: environment)
        return HeatClient(session: KeystoneSession(cloud: config, transport: CurlTransport()))
    }

    /// Every live stack in the cloud, by name (duplicates would show as a count above 1).
    func stackCounts() async throws -> [String: Int] {
        let stacks = try await heat().listStacks(tags: [])
        return stacks.reduce(into: [:]) { $0[$1.name, default: 0] += 1 }
    }

    /// Heat calls that change something.
    func mutatingHeatCalls() async -> [RequestRecord] {
        await simulator.requests().filter { $0.service == "orchestration" && $0.method != "GET" }
    }

    func desired() throws -> DesiredState {
        DesiredStateLoader.load(try RepositoryDirectory(root: repository).files().files)
    }
}
