public import ArgumentParser

/// The `heatsync` command: GitOps for OpenStack VMs.
public struct HeatSyncCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "heatsync",
        abstract: "GitOps for OpenStack VMs: YAML manifests in git, one Heat stack per VM.",
        discussion: """
            A repository holds projects/<project>/project.yaml, VM manifests under \
            projects/<project>/vms/, and Heat templates under templates/. heatsync validates \
            them, plans what to create, update, adopt or delete, and applies the plan.

            Exit codes: 0 = success and no changes, 1 = error, 2 = changes pending (plan).
            Manifest reference: docs/manifests.md
            """,
        version: HeatSyncVersion.current,
        subcommands: [
            ValidateCommand.self, PlanCommand.self, ApplyCommand.self, StatusCommand.self, SimCommand.self,
            VersionCommand.self,
        ]
    )

    public init() {}
}

extension HeatSyncCommand {
    /// Parses the process arguments, runs the command and exits with its code.
    public static func runMain() async {
        await main()
    }
}
