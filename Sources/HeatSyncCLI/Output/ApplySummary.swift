import Foundation
import HeatSyncCore
import HeatSyncEngine

/// The last lines of `apply`: counts, failures with their reasons, and the exit code.
enum ApplySummary {
    static func render(_ outcome: ApplyRun.Outcome, elapsed: Duration, style: TerminalStyle) -> CommandResult {
        var out = ""
        let plan = outcome.plan
        let errors = plan.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { out += DiagnosticsRenderer.text(errors, style: style) }
        for change in plan.changes where change.isRefused || change.action == .conflict || change.action == .orphan {
            let why = change.refusal?.message ?? change.reason.rawValue
            out += "\(change.action.symbol) \(change.project)/\(change.displayName): not applied (\(why))\n"
        }
        if outcome.declined {
            out += "Apply cancelled: nothing was changed.\n"
            return CommandResult(output: out, exitCode: 1)
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let failed = outcome.failed
        let done = outcome.results.count - failed.count
        if outcome.results.isEmpty {
            out += "No changes. The cloud matches the repository."
        } else {
            out += failed.isEmpty ? style.green("Apply complete!") : style.red("Apply finished with errors.")
            out += " \(done) applied, \(failed.count) failed"
        }
        if outcome.recovered > 0 { out += ", \(outcome.recovered) resumed from an earlier run" }
        out += " (\(String(format: "%.1f", seconds)) s).\n"
        for result in failed {
            out += "  \(result.change.project)/\(result.change.displayName): \(result.error ?? "failed")\n"
        }
        let failing = !failed.isEmpty || plan.hasErrors
        return CommandResult(output: out, exitCode: failing ? 1 : 0)
    }
}
