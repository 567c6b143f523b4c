/// How `apply` runs: who asks, how wide, how patient.
public struct ApplyOptions: Sendable {
    /// This installation's owner id (the `heatsync-owner` tag).
    public var owner: String
    /// Recorded in the journal and audit log: the git author of the commit, or the CLI user.
    public var actor: String
    /// VMs worked on at once (each VM's own steps stay serial).
    public var parallelism: Int
    /// How often in-progress stacks are listed (one list per project per interval).
    public var pollInterval: Duration
    /// How long one action may take before it is reported as timed out. Creates also pass it
    /// to Heat as `timeout_mins`, so Heat itself fails a stack that hangs.
    public var actionTimeout: Duration
    /// Heat events kept per VM in the journal.
    public var eventsToKeep: Int

    public init(
        owner: String,
        actor: String,
        parallelism: Int = 8,
        pollInterval: Duration = .seconds(2),
        actionTimeout: Duration = .seconds(30 * 60),
        eventsToKeep: Int = 20
    ) {
        self.owner = owner
        self.actor = actor
        self.parallelism = max(1, parallelism)
        self.pollInterval = pollInterval
        self.actionTimeout = actionTimeout
        self.eventsToKeep = eventsToKeep
    }
}
