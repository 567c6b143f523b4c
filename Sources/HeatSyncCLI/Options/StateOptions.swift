import ArgumentParser
import Foundation
import HeatSyncStore

/// Where the journal lives.
struct StateOptions: ParsableArguments {
    @Option(
        name: .customLong("state"),
        help: ArgumentHelp(
            "The state database (default: .heatsync/state.db in the repository). Env: HEATSYNC_STATE.",
            valueName: "file"
        )
    )
    var path: String?

    func resolvedPath(repository: String, environment: [String: String]) -> String {
        path ?? environment["HEATSYNC_STATE"] ?? (repository as NSString).appendingPathComponent(".heatsync/state.db")
    }

    /// Opens the journal; `exclusive` takes the single-writer lock (apply).
    func open(repository: String, environment: [String: String], exclusive: Bool) throws -> SQLiteJournal {
        do {
            return try SQLiteJournal(
                path: resolvedPath(repository: repository, environment: environment),
                exclusive: exclusive
            )
        } catch let error as StoreError {
            throw InputError(description: error.description)
        }
    }

    /// The journal when its file exists (plan and status read it if there is one).
    func openIfPresent(repository: String, environment: [String: String]) throws -> SQLiteJournal? {
        let path = resolvedPath(repository: repository, environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try open(repository: repository, environment: environment, exclusive: false)
    }
}

/// Which cloud projects without `spec.cloud` use, and how hard heatsync may call it.
struct CloudOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The clouds.yaml cloud for projects without spec.cloud (default: OS_CLOUD, or the OS_* environment).",
            valueName: "name"
        )
    )
    var cloud: String?

    @Option(help: ArgumentHelp("Requests per second per cloud endpoint.", valueName: "n"))
    var rateLimit: Double = 20
}
