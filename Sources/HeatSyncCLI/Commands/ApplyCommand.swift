import ArgumentParser
import Foundation
import HeatSyncCore
import HeatSyncEngine
import HeatSyncStore

#if canImport(Glibc)
import Glibc
#endif

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create, update, adopt and delete stacks until the cloud matches the repository.",
        discussion: """
            Without a plan file, plans and asks for confirmation (--auto-approve when standard \
            input is not a terminal). With a plan file from `heatsync plan --out`, applies exactly \
            that plan, or refuses it when the repository or the cloud's stacks changed since.

            Every action is journaled in the state database before its first cloud call, so an \
            interrupted apply is finished or repaired by the next one.

            Exit codes: 0 = applied (or nothing to do), 1 = an action failed or nothing was applied.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "The repository's root folder, or a plan file from `heatsync plan --out` (then --repository names the folder).",
            valueName: "dir-or-planfile"
        ),
        completion: .file()
    )
    var target: String = "."

    @Option(help: ArgumentHelp("The repository folder when applying a plan file.", valueName: "dir"))
    var repository: String?

    @OptionGroup var planning: PlanningOptions
    @OptionGroup var clouds: CloudOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Apply without asking for confirmation.")
    var autoApprove = false

    @Option(help: ArgumentHelp("VMs worked on at once.", valueName: "n"))
    var parallelism = 8

    @Option(help: ArgumentHelp("Seconds between lists of in-progress stacks.", valueName: "seconds"))
    var pollInterval: Double = 2

    @Option(help: ArgumentHelp("Minutes one VM's action may take.", valueName: "minutes"))
    var timeout: Double = 30

    func validate() throws {
        guard parallelism >= 1, parallelism <= 512 else { throw ValidationError("--parallelism must be 1…512") }
        guard pollInterval > 0, pollInterval <= 300 else { throw ValidationError("--poll-interval must be 0…300 s") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() async throws {
        let interactive = isatty(STDIN_FILENO) == 1
        let result = try await execute(
            environment: ProcessInfo.processInfo.environment,
            interactive: interactive,
            write: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            confirm: { Self.askYes() }
        )
        try result.emit()
    }

    /// Runs the command. Progress goes to `write` as it happens; the summary is the result.
    func execute(
        environment: [String: String],
        interactive: Bool = false,
        write: @escaping @Sendable (String) -> Void,
        confirm: @escaping @Sendable () -> Bool = { false }
    ) async throws -> CommandResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
            throw InputError(description: "\(target): no such folder or plan file")
        }
        let saved: Plan? = isDirectory.boolValue ? nil : try SavedPlan.load(path: target)
        let root = isDirectory.boolValue ? target : (repository ?? ".")
        if saved == nil, !autoApprove, !interactive {
            throw ValidationError("standard input is not a terminal: pass --auto-approve to apply without confirmation")
        }
        let desired = try RepositoryOptions.parse(["--", root]).load()
        let planOptions = try saved?.options ?? planning.planOptions(environment: environment)
        let journal = try state.open(repository: root, environment: environment, exclusive: true)
        let connections = CloudConnections(
            environment: environment,
            defaultCloud: clouds.cloud,
            requestsPerSecond: clouds.rateLimit
        )
        let options = ApplyOptions(
            owner: planOptions.owner,
            actor: Self.actor(environment),
            parallelism: parallelism,
            pollInterval: .milliseconds(Int(pollInterval * 1000)),
            actionTimeout: .seconds(Int(timeout * 60))
        )
        let style = output.style
        let progress = ApplyProgress(style: style, inPlace: interactive && style.enabled, write: write)
        let run = ApplyRun(
            journal: journal,
            connections: connections,
            planOptions: planOptions,
            options: options,
            report: { event in progress.handle(event) }
        )
        let started = ContinuousClock.now
        let outcome = try await run.run(desired: desired, saved: saved) { plan in
            guard saved == nil, !autoApprove else { return true }
            write(PlanTextRenderer.render(plan, style: style, showUnchanged: false))
            write("\nDo you want to apply these changes? Only 'yes' is accepted: ")
            return confirm()
        }
        progress.finish()
        let elapsed = ContinuousClock.now - started
        return ApplySummary.render(outcome, elapsed: elapsed, style: style)
    }

    static func askYes() -> Bool {
        readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) == "yes"
    }

    /// Who is applying, for the journal and the audit log.
    static func actor(_ environment: [String: String]) -> String {
        if let actor = environment["HEATSYNC_ACTOR"], !actor.isEmpty { return actor }
        if let user = environment["USER"] ?? environment["LOGNAME"], !user.isEmpty { return "cli:\(user)" }
        return "cli:uid-\(getuid())"
    }
}
