import Foundation
import HeatSyncCore
import HeatSyncGit
import HeatSyncTesting
import Testing

@Suite struct ReviewScopeTests {
    /// main: p0 and p1 with two VMs each, both up to date in the cloud; the pull request
    /// changes p0/vm-1, adds p1/vm-2, and main has since changed p1/vm-0 (not the PR's).
    func pullRequest() throws -> (remote: TemporaryGitRepository, plan: Plan) {
        let remote = try TemporaryGitRepository()
        try remote.commit(SampleRepository.files(projects: 2, vmsPerProject: 2), message: "base")
        let base = try remote.repository.resolve("main")
        try remote.repository.setReference("refs/heads/feature", to: base)
        try remote.commit(
            [
                "projects/p0/vms/vm-1.yaml": SampleRepository.vm("vm-1", flavor: "m1.large"),
                "projects/p1/vms/vm-2.yaml": SampleRepository.vm("vm-2"),
            ],
            message: "pr",
            branch: "feature"
        )
        try remote.commit(["projects/p1/vms/vm-0.yaml": SampleRepository.vm("vm-0", flavor: "m1.xlarge")])

        var loader = GitDesiredStateLoader()
        let desired = try loader.load(remote.repository, revision: "feature")
        let scope = try remote.repository.reviewScope(base: "main", head: "feature")
        let options = PlanOptions()
        let observed = desired.sortedProjects.flatMap { project in
            project.vms.filter { $0.name != "vm-2" }.map { vm in
                ObservedStack(
                    name: vm.stackName,
                    id: "id-\(vm.stackName)",
                    status: "CREATE_COMPLETE",
                    tags: vm.tags(owner: options.owner).tags
                )
            }
        }
        // The pull request's p0/vm-1 differs from the stack, which runs main's spec.
        let stale = observed.map { stack in
            var stack = stack
            if stack.name == desired.projects["p0"]?.vms.first(where: { $0.name == "vm-1" })?.stackName {
                stack.tags = stack.tags.map { $0.hasPrefix("heatsync-spec=") ? "heatsync-spec=0000" : $0 }
            }
            return stack
        }
        let plan = Planner.plan(desired: desired, observed: stale, options: options, review: scope)
        return (remote, plan)
    }

    @Test("changed paths come from the merge base, so later changes on main are not the PR's")
    func changedPaths() throws {
        let (_, plan) = try pullRequest()
        #expect(plan.review?.changedPaths == ["projects/p0/vms/vm-1.yaml", "projects/p1/vms/vm-2.yaml"])
    }

    @Test("changes from the PR's files are marked; the rest of the plan is not")
    func marking() throws {
        let (_, plan) = try pullRequest()
        let marked = plan.changes.filter { $0.changedInReview == true }.map { "\($0.project)/\($0.displayName)" }
        #expect(marked == ["p0/vm-1", "p1/vm-2"])
        #expect(plan.changes.allSatisfy { $0.changedInReview != nil })
        let json = String(decoding: plan.canonicalJSON(pretty: true), as: UTF8.self)
        #expect(json.contains(#""changed_in_review" : true"#))
        #expect(json.contains(#""changed_paths" : ["#))
    }

    @Test("the Markdown comment leads with what the pull request changes")
    func markdownLeads() throws {
        let (_, plan) = try pullRequest()
        let markdown = PlanMarkdownRenderer.render(plan)
        let section = try #require(markdown.range(of: "#### Changed in this pull request"))
        let summary = try #require(markdown.range(of: plan.summary.sentence))
        #expect(section.lowerBound < summary.lowerBound)
        let lead = markdown[section.lowerBound..<summary.lowerBound]
        #expect(lead.contains("| p0 | vm-1 | update |"))
        #expect(lead.contains("| p1 | vm-2 | create |"))
        #expect(lead.contains("2 files changed, 2 changes to the cloud"))
    }

    @Test("a changed project.yaml or template puts every change it renders in scope")
    func projectAndTemplate() {
        let change = PlannedChange(
            action: .update,
            reason: .specChanged,
            project: "p0",
            vm: "vm-0",
            vmID: VMID(project: "p0", name: "vm-0"),
            template: "basic@v1",
            source: SourceLocation(file: "projects/p0/vms/vm-0.yaml", line: 4, column: 3)
        )
        #expect(ReviewScope(base: "b", baseCommit: "c", changedPaths: ["projects/p0/project.yaml"]).contains(change))
        #expect(ReviewScope(base: "b", baseCommit: "c", changedPaths: ["templates/basic@v1.yaml"]).contains(change))
        #expect(!ReviewScope(base: "b", baseCommit: "c", changedPaths: ["projects/p1/project.yaml"]).contains(change))
        #expect(!ReviewScope(base: "b", baseCommit: "c", changedPaths: ["status/vms.json"]).contains(change))
    }
}
