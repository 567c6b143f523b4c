/// Why the plan will not carry out an action it would otherwise take. A refused action
/// stays in the plan, so the reader sees what was held back and why.
public struct Refusal: Sendable, Hashable, Codable {
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        /// A file of the project failed to parse or validate: no deletes at all.
        case projectHasErrors = "project-has-errors"
        case deletionProtection = "deletion-protection"
        case deleteBudgetCount = "delete-budget-count"
        case deleteBudgetPercent = "delete-budget-percent"
        /// The project's desired VM set is empty while stacks exist.
        case emptyDesiredSet = "empty-desired-set"
        /// An unmanaged stack holds the VM's name and the manifest does not ask to adopt it.
        case adoptNotRequested = "adopt-not-requested"
        /// The operation failed too often; a human must look.
        case failedTooOften = "failed-too-often"
        /// Heat would replace a server that has deletion protection.
        case replaceProtected = "replace-protected"
    }

    public var code: Code
    public var message: String
    /// The flag that overrides the refusal, if one does.
    public var override: String?

    public init(_ code: Code, _ message: String, override: String? = nil) {
        self.code = code
        self.message = message
        self.override = override
    }
}
