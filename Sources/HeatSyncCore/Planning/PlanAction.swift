/// What a plan does to one VM's stack. Raw values are stable: they appear in plan JSON,
/// logs, metrics labels and the API.
public enum PlanAction: String, Sendable, Hashable, Codable, CaseIterable {
    case create, adopt, update, replace, recreate, retry, start, stop, delete, orphan, conflict, noop

    /// Terraform-style marker shown before the VM in text and Markdown plans.
    public var symbol: String {
        switch self {
        case .create: return "+"
        case .adopt: return "<="
        case .update, .retry: return "~"
        case .replace, .recreate: return "-/+"
        case .start: return ">"
        case .stop: return "|"
        case .delete: return "-"
        case .orphan: return "?"
        case .conflict: return "!"
        case .noop: return " "
        }
    }

    /// Whether the action changes the cloud when applied.
    public var changesCloud: Bool {
        switch self {
        case .orphan, .conflict, .noop: return false
        default: return true
        }
    }
}
