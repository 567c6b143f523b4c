import ArgumentParser
import Foundation
import HeatSyncCore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every manifest and template; report every problem with file:line:column.",
        discussion: "Needs no cloud. Exits 0 when there are no errors (warnings allowed), 1 otherwise."
    )

    @OptionGroup var repository: RepositoryOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() async throws {
        try execute().emit()
    }

    func execute() throws -> CommandResult {
        let desired = try repository.load()
        let diagnostics = desired.diagnostics
        let exitCode: Int32 = diagnostics.hasErrors ? 1 : 0
        if json {
            let report = ValidationReport(desired: desired)
            return CommandResult(output: JSONOutput.encode(report), exitCode: exitCode)
        }
        let style = output.style
        var text = DiagnosticsRenderer.text(diagnostics.sorted, style: style)
        let counts = DiagnosticsRenderer.counts(errors: diagnostics.errorCount, warnings: diagnostics.warningCount)
        let scope =
            "\(desired.projects.count) project\(desired.projects.count == 1 ? "" : "s"), "
            + "\(desired.vmCount) valid VM\(desired.vmCount == 1 ? "" : "s"), "
            + "\(desired.templates.templates.count) template\(desired.templates.templates.count == 1 ? "" : "s")"
        if !text.isEmpty { text += "\n" }
        text +=
            diagnostics.hasErrors
            ? style.red("Invalid: \(counts)") + " (\(scope))\n"
            : style.green("Valid") + ": \(scope); \(counts)\n"
        return CommandResult(output: text, exitCode: exitCode)
    }
}

/// `validate --json`: one flat object per diagnostic, so scripts need no nesting.
struct ValidationReport: Encodable {
    struct Entry: Encodable {
        var severity: String
        var code: String
        var message: String
        var hint: String?
        var file: String
        var line: Int
        var column: Int
    }

    struct Summary: Encodable {
        var errors: Int
        var warnings: Int
        var projects: Int
        var vms: Int
        var templates: Int
    }

    var formatVersion = "1"
    var valid: Bool
    var summary: Summary
    var diagnostics: [Entry]

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case valid, summary, diagnostics
    }

    init(desired: DesiredState) {
        let diagnostics = desired.diagnostics
        valid = !diagnostics.hasErrors
        summary = Summary(
            errors: diagnostics.errorCount,
            warnings: diagnostics.warningCount,
            projects: desired.projects.count,
            vms: desired.vmCount,
            templates: desired.templates.templates.count
        )
        self.diagnostics = diagnostics.sorted.map {
            Entry(
                severity: $0.severity.rawValue,
                code: $0.code.rawValue,
                message: $0.message,
                hint: $0.hint,
                file: $0.location.file,
                line: $0.location.line,
                column: $0.location.column
            )
        }
    }
}
