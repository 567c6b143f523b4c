/// The rules that hold deletes back (DESIGN §3). A refused delete stays in the plan with its
/// reason; applying skips it.
///
/// Order matters: errors in the project refuse every delete first, then deletion protection,
/// then an empty desired set, then the project's deletion budget over what is left.
public enum SafetyRules {
    public static func apply(to changes: inout [PlannedChange], project: DesiredProject?, options: PlanOptions) {
        let deletes = changes.indices.filter { changes[$0].action == .delete && changes[$0].refusal == nil }
        guard !deletes.isEmpty else { return }
        for index in deletes {
            if let project, project.hasErrors {
                changes[index].refusal = Refusal(
                    .projectHasErrors,
                    "project '\(project.name)' has manifest errors; a file that fails to parse or validate "
                        + "never causes a delete"
                )
            } else if changes[index].isProtected {
                changes[index].refusal = Refusal(
                    .deletionProtection,
                    "\(changes[index].displayName) has heatsync/deletion-protection: \"true\"; "
                        + "set it to \"false\" and apply before deleting"
                )
            }
        }

        if let project, !options.allowEmpty, project.documentCount == 0 {
            for index in deletes where changes[index].refusal == nil {
                changes[index].refusal = Refusal(
                    .emptyDesiredSet,
                    "project '\(project.name)' declares no VMs while its stacks exist; an empty or truncated "
                        + "tree is treated as an incident, not intent",
                    override: "--allow-empty"
                )
            }
        }

        let remaining = deletes.filter { changes[$0].refusal == nil }
        guard !remaining.isEmpty, !options.allowMassDelete else { return }
        let policy = project?.manifest?.safety ?? SafetyPolicy()
        let managed = changes.filter { $0.stackID != nil && $0.action != .conflict && $0.action != .adopt }.count
        let refusal: Refusal?
        if remaining.count > policy.maxDeletesPerApply {
            refusal = Refusal(
                .deleteBudgetCount,
                "\(remaining.count) deletes exceed safety.maxDeletesPerApply (\(policy.maxDeletesPerApply))",
                override: "--allow-mass-delete"
            )
        } else if remaining.count > 1, remaining.count * 100 > policy.maxDeletePercent * max(managed, 1) {
            refusal = Refusal(
                .deleteBudgetPercent,
                "\(remaining.count) of \(managed) VMs (\(remaining.count * 100 / max(managed, 1))%) exceed "
                    + "safety.maxDeletePercent (\(policy.maxDeletePercent)%)",
                override: "--allow-mass-delete"
            )
        } else {
            refusal = nil
        }
        if let refusal {
            for index in remaining { changes[index].refusal = refusal }
        }
    }
}
