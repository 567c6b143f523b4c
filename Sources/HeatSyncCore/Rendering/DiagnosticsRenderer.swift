/// Diagnostics as text: `path:line:column: error[code]: message` plus hints, sorted, then
/// a count line.
public enum DiagnosticsRenderer {
    public static func text(_ diagnostics: [Diagnostic], style: TerminalStyle = .plain) -> String {
        var out = ""
        for diagnostic in diagnostics {
            let severity =
                diagnostic.severity == .error
                ? style.red("error[\(diagnostic.code.rawValue)]") : style.yellow("warning[\(diagnostic.code.rawValue)]")
            out += "\(style.bold(diagnostic.location.description)): \(severity): \(diagnostic.message)\n"
            if let hint = diagnostic.hint { out += "  \(style.cyan("hint:")) \(hint)\n" }
        }
        return out
    }

    /// `2 errors, 1 warning`
    public static func counts(errors: Int, warnings: Int) -> String {
        "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
