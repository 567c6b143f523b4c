/// ANSI styling for text output, switched off when the output is not a terminal.
public struct TerminalStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public static let plain = TerminalStyle(enabled: false)

    func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { apply("1", text) }
    public func dim(_ text: String) -> String { apply("2", text) }
    public func red(_ text: String) -> String { apply("31", text) }
    public func green(_ text: String) -> String { apply("32", text) }
    public func yellow(_ text: String) -> String { apply("33", text) }
    public func cyan(_ text: String) -> String { apply("36", text) }
    public func magenta(_ text: String) -> String { apply("35", text) }

    func colour(for action: PlanAction, refused: Bool) -> (String) -> String {
        if refused { return magenta }
        switch action {
        case .create, .start: return green
        case .update, .retry, .stop: return yellow
        case .replace, .recreate, .delete, .conflict: return red
        case .adopt, .orphan: return cyan
        case .noop: return dim
        }
    }
}
