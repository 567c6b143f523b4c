import ArgumentParser
import HeatSyncCore

/// The owner id and the explicit overrides of the safety rules.
struct PlanningOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "This installation's owner id; only stacks tagged with it are managed. Env: HEATSYNC_OWNER.",
            valueName: "id"
        )
    )
    var owner: String?

    @Flag(help: "Delete orphaned stacks (ours, but no manifest or journal accounts for them).")
    var pruneOrphans = false

    @Flag(help: "Allow deletes in a project whose desired VM set is empty.")
    var allowEmpty = false

    @Flag(help: "Allow deletes beyond safety.maxDeletesPerApply and safety.maxDeletePercent.")
    var allowMassDelete = false

    func planOptions(environment: [String: String]) throws -> PlanOptions {
        let owner = owner ?? environment["HEATSYNC_OWNER"] ?? "default"
        if let problem = StackTags.problem(withOwner: owner) {
            throw ValidationError("--owner: \(problem)")
        }
        return PlanOptions(
            owner: owner,
            pruneOrphans: pruneOrphans,
            allowEmpty: allowEmpty,
            allowMassDelete: allowMassDelete
        )
    }
}
