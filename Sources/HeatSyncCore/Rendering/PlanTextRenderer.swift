import Foundation

/// A plan for a terminal, in the manner of `terraform plan`: one block per project, one line
/// per change with its symbol, then what changes and why, then the summary sentence.
public enum PlanTextRenderer {
    public static func render(_ plan: Plan, style: TerminalStyle = .plain, showUnchanged: Bool = false) -> String {
        var out = ""
        if !plan.diagnostics.isEmpty {
            out += DiagnosticsRenderer.text(plan.diagnostics, style: style) + "\n"
        }
        let source = plan.desiredCommit.map { "commit \($0.prefix(12))" } ?? "tree \(plan.desiredDigest.prefix(12))"
        out += style.bold("heatsync plan") + style.dim(" · owner \(plan.options.owner) · \(source)") + "\n"
        if let review = plan.review {
            let count = plan.changesInReview.filter { $0.action != .noop || $0.reason == .manifestInvalid }.count
            out +=
                style.dim("compared with \(review.base) (\(review.baseCommit.prefix(12))): ")
                + "\(review.changedPaths.count) file\(review.changedPaths.count == 1 ? "" : "s") changed, "
                + "\(count) change\(count == 1 ? "" : "s") from them, marked ●\n"
        }
        if plan.projects.isEmpty { out += "\nNo projects and no stacks of this owner.\n" }
        for project in plan.projects {
            out += "\n" + header(project, style: style) + "\n"
            let shown = project.changes.filter { showUnchanged || $0.action != .noop || $0.reason == .manifestInvalid }
            let width = min(max(shown.map(\.displayName.count).max() ?? 0, 8), 40)
            for change in shown { out += line(change, nameWidth: width, style: style) }
            let unchanged = project.changes.count - shown.count
            if unchanged > 0 { out += style.dim("    \(unchanged) unchanged") + "\n" }
        }
        out += "\n" + style.bold(plan.summary.sentence) + "\n"
        if plan.hasErrors {
            out +=
                style.red(
                    "The repository has errors: fix them before applying; no project with errors deletes anything."
                ) + "\n"
        }
        return out
    }

    static func header(_ project: ProjectPlan, style: TerminalStyle) -> String {
        var facts: [String] = []
        if let cloud = project.cloud { facts.append("cloud \(cloud)") }
        if let region = project.region { facts.append("region \(region)") }
        if !project.inRepository { facts.append("not in the repository") }
        if project.hasErrors { facts.append(style.red("has errors")) }
        let name = project.name.isEmpty ? "(no project tag)" : project.name
        return style.bold("Project \(name)")
            + (facts.isEmpty ? "" : style.dim(" (") + facts.joined(separator: ", ") + style.dim(")"))
    }

    static func line(_ change: PlannedChange, nameWidth: Int, style: TerminalStyle) -> String {
        let colour = style.colour(for: change.action, refused: change.isRefused)
        let symbol = change.isRefused ? "x" : change.action.symbol
        let name = change.displayName.padding(
            toLength: max(nameWidth, change.displayName.count),
            withPad: " ",
            startingAt: 0
        )
        var verb = change.action.rawValue
        if change.isRefused { verb += " REFUSED" }
        var out =
            "  " + colour(symbol.padding(toLength: 3, withPad: " ", startingAt: 0)) + " " + colour(name) + "  "
            + colour(verb.padding(toLength: 16, withPad: " ", startingAt: 0)) + style.dim(change.stack) + "\n"
        var notes = [change.reason.rawValue]
        if change.changedInReview == true { notes.insert("● changed in this pull request", at: 0) }
        if let status = change.stackStatus, change.action != .create { notes.append(status) }
        if change.replacement == .unknown && (change.action == .update || change.action == .retry) {
            notes.append("replacement unknown: plan --preview asks Heat")
        } else if let replacement = change.replacement {
            notes.append(replacement == .replace ? "replaces the server" : "in place")
        }
        out += "        " + style.dim(notes.joined(separator: " · ")) + "\n"
        for detail in change.details {
            out += "        " + detailText(detail) + "\n"
        }
        if let refusal = change.refusal {
            var text = "refused (\(refusal.code.rawValue)): \(refusal.message)"
            if let override = refusal.override { text += "; override with \(override)" }
            out += "        " + style.magenta(text) + "\n"
        }
        return out
    }

    static func detailText(_ detail: FieldChange) -> String {
        switch (detail.before, detail.after) {
        case (nil, let after?): return "\(detail.field): \(after)"
        case (let before?, nil): return "\(detail.field): \(before) → (gone)"
        case (let before?, let after?): return "\(detail.field): \(before) → \(after)"
        case (nil, nil): return detail.field
        }
    }
}
