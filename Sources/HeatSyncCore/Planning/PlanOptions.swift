/// Choices that change what a plan may do. Overrides are explicit, and recorded in the plan.
public struct PlanOptions: Sendable, Hashable, Codable {
    /// This installation's owner id (`heatsync-owner=<owner>`); stacks of other owners are never touched.
    public var owner: String
    /// Delete orphans (stacks of ours that no manifest or journal accounts for).
    public var pruneOrphans: Bool
    /// Let a project whose desired VM set is empty delete its stacks.
    public var allowEmpty: Bool
    /// Let deletes exceed `safety.maxDeletesPerApply` and `safety.maxDeletePercent`.
    public var allowMassDelete: Bool
    /// Failed attempts after which an action is refused until a human retries it.
    public var maxFailedAttempts: Int

    public init(
        owner: String = "default",
        pruneOrphans: Bool = false,
        allowEmpty: Bool = false,
        allowMassDelete: Bool = false,
        maxFailedAttempts: Int = 3
    ) {
        self.owner = owner
        self.pruneOrphans = pruneOrphans
        self.allowEmpty = allowEmpty
        self.allowMassDelete = allowMassDelete
        self.maxFailedAttempts = maxFailedAttempts
    }

    enum CodingKeys: String, CodingKey {
        case owner
        case pruneOrphans = "prune_orphans"
        case allowEmpty = "allow_empty"
        case allowMassDelete = "allow_mass_delete"
        case maxFailedAttempts = "max_failed_attempts"
    }

    /// Every key is optional in JSON; a missing one takes its default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = PlanOptions()
        owner = try container.decodeIfPresent(String.self, forKey: .owner) ?? defaults.owner
        pruneOrphans = try container.decodeIfPresent(Bool.self, forKey: .pruneOrphans) ?? defaults.pruneOrphans
        allowEmpty = try container.decodeIfPresent(Bool.self, forKey: .allowEmpty) ?? defaults.allowEmpty
        allowMassDelete = try container.decodeIfPresent(Bool.self, forKey: .allowMassDelete) ?? defaults.allowMassDelete
        maxFailedAttempts =
            try container.decodeIfPresent(Int.self, forKey: .maxFailedAttempts) ?? defaults.maxFailedAttempts
    }
}
