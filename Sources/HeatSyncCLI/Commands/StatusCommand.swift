import ArgumentParser
import Foundation
import HeatSyncCore
import HeatSyncEngine
import HeatSyncStore

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show every VM: status, stack, addresses, time to ACTIVE and the last error.",
        discussion: """
            Combines the repository, the journal (.heatsync/state.db) and the cloud's stacks. \
            With --offline the cloud is not read: the journal's last observation is shown.

            Exit codes: 0 = every VM is ACTIVE or STOPPED as wanted, 1 = error, 2 = some VM is not.
            """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var clouds: CloudOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("This installation's owner id. Env: HEATSYNC_OWNER.", valueName: "id"))
    var owner: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Flag(help: "Do not read the cloud; show the journal's last observation.")
    var offline = false

    func run() async throws {
        try await execute(environment: ProcessInfo.processInfo.environment).emit()
    }

    func execute(environment: [String: String]) async throws -> CommandResult {
        let owner = owner ?? environment["HEATSYNC_OWNER"] ?? "default"
        let desired = try repository.load()
        let journal = try state.openIfPresent(repository: repository.directory, environment: environment)
        let records = try await journal?.vms() ?? []
        let open = try await journal?.openOperations() ?? []
        var events: [VMID: [StackEventRecord]] = [:]
        if let journal {
            for record in records where record.lastError != nil {
                events[record.vmID] = try await journal.events(for: record.vmID)
            }
        }
        let observed: [ObservedStack]? =
            offline
            ? nil
            : try await CloudObservation.observe(
                desired,
                defaultCloud: clouds.cloud,
                owner: owner,
                environment: environment,
                requestsPerSecond: clouds.rateLimit,
                extraClouds: Set(records.map(\.cloud))
            )
        let report = StatusReportBuilder.build(
            desired: desired,
            journal: records,
            openOperations: open,
            observed: observed,
            owner: owner,
            events: events
        )
        let text = json ? JSONOutput.encode(report) : StatusTableRenderer.text(report, style: output.style)
        let settled = report.vms.allSatisfy { $0.status == .active || $0.status == .stopped || $0.status == .deleted }
        return CommandResult(output: text, exitCode: settled ? 0 : 2)
    }
}
