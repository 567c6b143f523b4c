import Foundation
import HeatSyncCore
import HeatSyncGit
import HeatSyncTesting
import Testing

@testable import HeatSyncCLI

@Suite struct GitSourceCommandTests {
    /// A repository whose `feature` branch adds p0/vm-2 and changes nothing else.
    func repository() throws -> (TemporaryGitRepository, observed: String) {
        let repository = try TemporaryGitRepository()
        try repository.commit(SampleRepository.files(projects: 2, vmsPerProject: 2), message: "base")
        try repository.repository.setReference("refs/heads/feature", to: try repository.repository.resolve("main"))
        try repository.commit(["projects/p0/vms/vm-2.yaml": SampleRepository.vm("vm-2")], branch: "feature")
        let observed = repository.sibling("observed.json")
        try "[]".write(toFile: observed, atomically: true, encoding: .utf8)
        return (repository, observed)
    }

    @Test("validate --ref reads a commit, not the working folder")
    func validateAtRef() async throws {
        let (repository, _) = try repository()
        let main = try await CLI.run(["validate", repository.path, "--ref", "main", "--no-color"])
        #expect(main.exitCode == 0)
        #expect(main.output.contains("2 projects, 4 valid VMs, 1 template"))
        let feature = try await CLI.run(["validate", repository.path, "--ref", "feature", "--no-color"])
        #expect(feature.output.contains("5 valid VMs"))
    }

    @Test("plan --ref --base --markdown leads with the pull request's own changes")
    func pullRequestPlan() async throws {
        let (repository, observed) = try repository()
        let result = try await CLI.run([
            "plan", repository.path, "--ref", "feature", "--base", "main", "--observed", observed, "--markdown",
        ])
        #expect(result.exitCode == 2)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(4).joined(separator: "\n").contains("#### Changed in this pull request"))
        #expect(result.output.contains("1 file changed, 1 change to the cloud"))
        #expect(result.output.contains("| `+` | p0 | vm-2 | create | stack-missing |"))

        let json = try await CLI.run([
            "plan", repository.path, "--ref", "feature", "--base", "main", "--observed", observed, "--json",
        ])
        let plan = try JSONDecoder().decode(Plan.self, from: Data(json.output.utf8))
        let text = try await CLI.run([
            "plan", repository.path, "--ref", "feature", "--base", "main", "--observed", observed, "--no-color",
        ])
        #expect(text.output.contains("1 file changed, 1 change from them, marked ●"))
        #expect(text.output.contains("● changed in this pull request · stack-missing"))
        #expect(plan.changesInReview.map(\.displayName) == ["vm-2"])
        #expect(plan.review?.base == "main")
    }

    @Test(
        "git errors are one line with exit code 1",
        arguments: [
            (["validate", "--ref", "nope"], "resolve nope: unknown reference"),
            (["validate", "/nonexistent-heatsync-dir", "--ref", "main"], "not a git repository"),
        ]
    )
    func errors(arguments: [String], message: String) async throws {
        let (repository, _) = try repository()
        var arguments = arguments
        if arguments.count == 3 { arguments.insert(repository.path, at: 1) }
        do {
            _ = try await CLI.run(arguments)
            Issue.record("expected an error for \(arguments)")
        } catch {
            #expect(CLI.message(error).contains(message), "\(CLI.message(error))")
            #expect(!CLI.message(error).contains("\n"))
        }
    }
}
