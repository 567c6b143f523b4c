/// One problem found in the repository, in the form of Terraform's `tfdiags`: a severity,
/// a stable code, a message, an optional hint, and where it is.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String
    public var hint: String?
    public var location: SourceLocation

    public init(
        _ severity: Severity,
        _ code: DiagnosticCode,
        _ message: String,
        hint: String? = nil,
        at location: SourceLocation
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.hint = hint
        self.location = location
    }

    public static func error(
        _ code: DiagnosticCode,
        _ message: String,
        hint: String? = nil,
        at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(.error, code, message, hint: hint, at: location)
    }

    public static func warning(
        _ code: DiagnosticCode,
        _ message: String,
        hint: String? = nil,
        at location: SourceLocation
    ) -> Diagnostic {
        Diagnostic(.warning, code, message, hint: hint, at: location)
    }

    /// `path:line:column: error[code]: message`, then an indented hint line when there is one.
    public var text: String {
        var out = "\(location): \(severity.rawValue)[\(code.rawValue)]: \(message)"
        if let hint { out += "\n  hint: \(hint)" }
        return out
    }
}
