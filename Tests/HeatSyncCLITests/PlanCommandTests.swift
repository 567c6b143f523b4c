import Foundation
import HeatSyncCore
import HeatSyncTesting
import Testing

@testable import HeatSyncCLI

@Suite struct PlanCommandTests {
    static let examples = [
        "plan", CLI.path("examples"), "--observed", CLI.path("examples/observed.json"), "--no-color",
    ]

    @Test("the example plan: every kind of change, exit code 2 (the demo's output)")
    func examplePlan() async throws {
        let result = try await CLI.run(Self.examples)
        #expect(result.exitCode == 2)
        #expect(
            result.output.contains(
                "Plan: 1 to create, 1 to update, 1 to replace, 1 to delete, 1 to adopt, 1 to stop. 1 orphaned."
            )
        )
        Golden.assertMatches(result.output, file: CLI.fixtures.appendingPathComponent("plan-examples.txt"))
    }

    @Test("--markdown renders the pull-request comment with its marker")
    func markdown() async throws {
        let result = try await CLI.run(Self.examples + ["--markdown"])
        #expect(result.output.hasPrefix(PlanMarkdownRenderer.marker))
        Golden.assertMatches(result.output, file: CLI.fixtures.appendingPathComponent("plan-examples.md"))
    }

    @Test("--out writes the same JSON that --json prints, and it decodes as a Plan")
    func planFile() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let json = try await CLI.run(Self.examples + ["--json"])
        _ = try await CLI.run(Self.examples + ["--out", out.path])
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written == json.output)
        let plan = try JSONDecoder().decode(Plan.self, from: Data(written.utf8))
        #expect(plan.summary.create == 1)
        #expect(plan.hash.count == 64)
    }

    @Test("exit 0 when nothing differs")
    func noChanges() async throws {
        let repo = try TemporaryRepository(files: [
            "projects/shop/project.yaml": "apiVersion: heatsync/v1\nkind: Project\nmetadata: {name: shop}\nspec: {}\n"
        ])
        let empty = try TemporaryRepository(files: ["observed.json": "[]"])
        let result = try await CLI.run(["plan", repo.path, "--observed", empty.path + "/observed.json"])
        #expect(result.exitCode == 0)
        #expect(result.output.contains("Plan: 0 to create, 0 to update, 0 to delete, 0 to adopt."))
    }

    @Test("exit 1 when a stack belongs to another owner")
    func conflict() async throws {
        let result = try await CLI.run(Self.examples + ["--owner", "someone-else"])
        #expect(result.exitCode == 1)
    }

    @Test("HEATSYNC_OWNER sets the owner; --owner wins over it")
    func ownerFromEnvironment() async throws {
        let fromEnvironment = try await CLI.run(Self.examples, environment: ["HEATSYNC_OWNER": "team-b"])
        #expect(fromEnvironment.output.contains("owner team-b"))
        let fromFlag = try await CLI.run(
            Self.examples + ["--owner", "team-c"],
            environment: ["HEATSYNC_OWNER": "team-b"]
        )
        #expect(fromFlag.output.contains("owner team-c"))
    }

    @Test(
        "bad arguments and inputs are errors that say what is wrong",
        arguments: [
            (["plan", "."], "no cloud selected"),
            (["plan", ".", "--observed", "x.json", "--cloud", "c"], "choose one of --observed and --cloud"),
            (["plan", ".", "--observed", "x.json", "--json", "--markdown"], "choose one of --json and --markdown"),
            (["plan", ".", "--observed", "x.json", "--owner", "a,b"], "comma"),
            (["plan", ".", "--observed", "/nonexistent/x.json"], "cannot read the observed stacks file"),
        ]
    )
    func badInput(arguments: [String], message: String) async {
        do {
            _ = try await CLI.run(arguments)
            Issue.record("expected an error for \(arguments)")
        } catch {
            #expect(CLI.message(error).contains(message), "\(CLI.message(error))")
        }
    }

    @Test("a malformed observed file names the file and the field")
    func malformedObserved() async throws {
        let files = try TemporaryRepository(files: [
            "observed.json": #"[{"name": "vm-a", "status": "CREATE_COMPLETE"}]"#
        ])
        do {
            _ = try await CLI.run(["plan", CLI.path("examples"), "--observed", files.path + "/observed.json"])
            Issue.record("expected an error")
        } catch {
            let message = CLI.message(error)
            #expect(message.contains("observed.json"))
            #expect(message.contains("'id'"))
        }
    }
}
