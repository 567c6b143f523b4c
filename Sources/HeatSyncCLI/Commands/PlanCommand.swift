import ArgumentParser
import Foundation
import HeatSyncCore
import HeatSyncStore

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what applying would create, update, adopt, start, stop or delete.",
        discussion: """
            Compares the repository with the observed stacks. Deletes are refused when a project \
            has manifest errors, a VM has deletion protection, a project's desired set is empty, \
            or a project's deletion budget would be exceeded; refused changes stay in the plan \
            with their reason.

            Exit codes: 0 = no changes, 1 = error, 2 = changes pending.
            """
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions

    @Option(
        help: ArgumentHelp(
            "A JSON snapshot of the cloud's stacks to plan against instead of reading a cloud ('-' reads standard input).",
            valueName: "file"
        )
    )
    var observed: String?

    @OptionGroup var clouds: CloudOptions
    @OptionGroup var state: StateOptions

    @Option(
        help: ArgumentHelp(
            "A pull request's base (origin/main): mark the changes that come from files changed between it and --ref (default HEAD), and lead the Markdown with them.",
            valueName: "ref"
        )
    )
    var base: String?

    @Option(
        help: ArgumentHelp(
            "A JSON list of journal entries the plan may consult (default: the state database, if there is one).",
            valueName: "file"
        )
    )
    var journal: String?

    @Flag(help: "Print the plan as JSON (schemas/plan.schema.json).")
    var json = false

    @Flag(help: "Print the plan as Markdown for a pull-request comment.")
    var markdown = false

    @Flag(name: .shortAndLong, help: "Also list VMs that do not change.")
    var verbose = false

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp("Also write the plan as JSON to this file.", valueName: "planfile")
    )
    var planFile: String?

    func validate() throws {
        if json && markdown { throw ValidationError("choose one of --json and --markdown") }
        if observed != nil && clouds.cloud != nil { throw ValidationError("choose one of --observed and --cloud") }
    }

    func run() async throws {
        try await execute(environment: ProcessInfo.processInfo.environment).emit()
    }

    func execute(environment: [String: String]) async throws -> CommandResult {
        let options = try planning.planOptions(environment: environment)
        // A pull-request plan reads the pull request's commit, not the working folder.
        let head = repository.ref ?? (base == nil ? nil : "HEAD")
        let desired = try head.map(repository.load(revision:)) ?? repository.load()
        let review = try base.map { try repository.reviewScope(base: $0, head: head ?? "HEAD") }
        let store =
            journal == nil ? try state.openIfPresent(repository: repository.directory, environment: environment) : nil
        let known = try await store?.vms() ?? []
        let stacks: [ObservedStack]
        if let observed {
            stacks = try ObservedSnapshot.load(path: observed)
        } else {
            stacks = try await CloudObservation.observe(
                desired,
                defaultCloud: clouds.cloud,
                owner: options.owner,
                environment: environment,
                requestsPerSecond: clouds.rateLimit,
                extraClouds: Set(known.map(\.cloud))
            )
        }
        var journalSnapshot = try journal.map(JournalFile.load(path:))
        if let store { journalSnapshot = try await store.snapshot() }
        let plan = Planner.plan(
            desired: desired,
            observed: stacks,
            journal: journalSnapshot,
            options: options,
            review: review
        )

        if let planFile {
            let bytes = plan.canonicalJSON(pretty: true) + Array("\n".utf8)
            guard FileManager.default.createFile(atPath: planFile, contents: Data(bytes)) else {
                throw InputError(description: "cannot write the plan file \(planFile)")
            }
        }
        let text: String
        if json {
            text = String(decoding: plan.canonicalJSON(pretty: true), as: UTF8.self) + "\n"
        } else if markdown {
            text = PlanMarkdownRenderer.render(plan)
        } else {
            text = PlanTextRenderer.render(plan, style: output.style, showUnchanged: verbose)
        }
        return CommandResult(output: text, exitCode: plan.exitCode)
    }
}
