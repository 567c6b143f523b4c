/// Bounds on what the YAML reader accepts, so hostile input is rejected quickly and in
/// bounded memory instead of exhausting the stack or the heap.
public struct YAMLLimits: Sendable, Hashable {
    /// Files larger than this are refused before parsing.
    public var maxFileBytes: Int
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// Expanded nodes a document may reach through aliases before it counts as an alias bomb,
    /// when that is also more than `maxAliasAmplification` times the nodes actually written.
    public var maxExpandedNodes: Int
    public var maxAliasAmplification: Int

    public init(
        maxFileBytes: Int = 1 << 20,
        maxDepth: Int = 64,
        maxExpandedNodes: Int = 100_000,
        maxAliasAmplification: Int = 8
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
        self.maxAliasAmplification = maxAliasAmplification
    }

    public static let manifests = YAMLLimits()
}
