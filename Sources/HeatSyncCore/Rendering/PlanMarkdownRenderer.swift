import Foundation

/// A plan as a pull-request comment: a marker line (so CI updates one comment instead of
/// adding one per push), what the pull request itself changes (when the plan has a
/// ``ReviewScope``), the summary, errors, and a collapsible table per project.
public enum PlanMarkdownRenderer {
    /// Hidden marker that identifies heatsync's comment on a pull request.
    public static let marker = "<!-- heatsync-plan -->"

    public static func render(_ plan: Plan) -> String {
        var out = marker + "\n"
        out += "### heatsync plan\n\n"
        if let review = plan.review { out += reviewSection(plan, review: review) }
        out += "**\(plan.summary.sentence)**\n\n"
        let source = plan.desiredCommit.map { "commit `\($0.prefix(12))`" } ?? "tree `\(plan.desiredDigest.prefix(12))`"
        out +=
            "Owner `\(escape(plan.options.owner))` · \(source) · observed `\(plan.observedFingerprint.prefix(12))`\n\n"

        let errors = plan.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty || !plan.diagnostics.isEmpty {
            out += "> [!\(errors.isEmpty ? "WARNING" : "CAUTION")]\n"
            out +=
                "> \(DiagnosticsRenderer.counts(errors: errors.count, warnings: plan.diagnostics.count - errors.count)) "
            out += "in the manifests.\(errors.isEmpty ? "" : " Projects with errors delete nothing.")\n\n"
            out += "```text\n" + DiagnosticsRenderer.text(plan.diagnostics) + "```\n\n"
        }
        if plan.projects.isEmpty { return out + "No projects and no stacks of this owner.\n" }

        out += "| project | create | update | replace | delete | adopt | power | refused | orphaned | unchanged |\n"
        out += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for project in plan.projects {
            let s = PlanSummary(project.changes)
            let name = project.name.isEmpty ? "(no project tag)" : project.name
            out +=
                "| \(escape(name))\(project.hasErrors ? " ⚠️" : "") | \(s.create) | \(s.update) | \(s.replace) | \(s.delete) "
            out += "| \(s.adopt) | \(s.start + s.stop) | \(s.refused) | \(s.orphan) | \(s.noop) |\n"
        }
        out += "\n"

        for project in plan.projects {
            let changed = project.changes.filter { $0.action != .noop || $0.reason == .manifestInvalid }
            guard !changed.isEmpty else { continue }
            let s = PlanSummary(project.changes)
            let open = s.refused > 0 || s.delete > 0 || s.replace > 0 || s.conflict > 0 ? " open" : ""
            out +=
                "<details\(open)><summary><b>\(escape(project.name.isEmpty ? "(no project tag)" : project.name))</b>: "
            out += "\(changed.count) change\(changed.count == 1 ? "" : "s")</summary>\n\n"
            out += "| | VM | action | why | details |\n| --- | --- | --- | --- | --- |\n"
            for change in changed { out += row(change) }
            out += "\n</details>\n\n"
        }
        return out
    }

    /// The lead section of a pull-request plan: the changes that come from the pull request's
    /// own files, across projects, before the plan as a whole.
    static func reviewSection(_ plan: Plan, review: ReviewScope) -> String {
        let inScope = plan.changesInReview.filter { $0.action != .noop || $0.reason == .manifestInvalid }
        let files = review.changedPaths.count
        var out = "#### Changed in this pull request\n\n"
        out += "Compared with `\(escape(review.base))` (`\(review.baseCommit.prefix(12))`): "
        out += "\(files) file\(files == 1 ? "" : "s") changed, "
        guard !inScope.isEmpty else {
            return out + "no change to the cloud comes from them.\n\n#### Whole repository\n\n"
        }
        out += "\(inScope.count) change\(inScope.count == 1 ? "" : "s") to the cloud.\n\n"
        out += "| | project | VM | action | why | details |\n| --- | --- | --- | --- | --- | --- |\n"
        for change in inScope {
            let project = change.project.isEmpty ? "(no project tag)" : change.project
            out += row(change, project: project)
        }
        return out + "\n#### Whole repository\n\n"
    }

    static func row(_ change: PlannedChange, project: String? = nil) -> String {
        var details = change.details.map { "`" + escape(PlanTextRenderer.detailText($0)) + "`" }
        if let refusal = change.refusal { details.insert("**refused:** " + escape(refusal.message), at: 0) }
        if change.replacement == .replace { details.append("replaces the server") }
        let symbol = change.isRefused ? "✋" : "`\(escape(change.action.symbol))`"
        var out = "| \(symbol) "
        if let project { out += "| \(escape(project)) " }
        out += "| \(escape(change.displayName)) | \(change.action.rawValue) | \(change.reason.rawValue) "
        return out + "| \(details.joined(separator: "<br>")) |\n"
    }

    /// Keeps table cells intact and HTML inert.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\n", with: " ")
    }
}
