import Foundation
import HeatSyncTesting
import Testing

@testable import HeatSyncCLI

@Suite struct ValidateCommandTests {
    @Test("validate examples exits 0 and says what it checked")
    func valid() async throws {
        let result = try await CLI.run(["validate", CLI.path("examples"), "--no-color"])
        #expect(result.exitCode == 0)
        #expect(result.output == "Valid: 2 projects, 8 valid VMs, 3 templates; 0 errors, 0 warnings\n")
    }

    @Test("validate examples/broken prints every planted mistake with file:line:column and exits 1")
    func broken() async throws {
        let result = try await CLI.run(["validate", CLI.path("examples/broken"), "--no-color"])
        #expect(result.exitCode == 1)
        let expected = try String(contentsOfFile: CLI.path("examples/broken/EXPECTED"), encoding: .utf8)
        for line in expected.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            #expect(result.output.contains("\(parts[0]): error[\(parts[1])]"), "missing \(line)")
        }
        Golden.assertMatches(result.output, file: CLI.fixtures.appendingPathComponent("validate-broken.txt"))
    }

    @Test("validate --json gives flat diagnostics for scripts")
    func json() async throws {
        let result = try await CLI.run(["validate", CLI.path("examples/broken"), "--json"])
        #expect(result.exitCode == 1)
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false)
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.count >= 20)
        #expect(diagnostics.allSatisfy { $0["file"] is String && $0["line"] is Int && $0["code"] is String })
        Golden.assertMatches(result.output, file: CLI.fixtures.appendingPathComponent("validate-broken.json"))
    }

    @Test("a folder that does not exist is a clear error, not an empty success")
    func missingFolder() async throws {
        await #expect(throws: (any Error).self) { try await CLI.run(["validate", "/nonexistent/heatsync"]) }
    }
}

@Suite struct RepositoryDirectoryTests {
    @Test("symbolic links are reported, not followed and not silently skipped")
    func symlinks() async throws {
        let repo = try TemporaryRepository(files: [
            "projects/shop/project.yaml": "apiVersion: heatsync/v1\nkind: Project\nmetadata: {name: shop}\nspec: {}\n",
            "outside.yaml": "apiVersion: heatsync/v1\n",
        ])
        try FileManager.default.createDirectory(
            atPath: repo.path + "/projects/shop/vms",
            withIntermediateDirectories: true
        )
        try FileManager.default.createSymbolicLink(
            atPath: repo.path + "/projects/shop/vms/web.yaml",
            withDestinationPath: repo.path + "/outside.yaml"
        )
        let result = try await CLI.run(["validate", repo.path, "--no-color"])
        #expect(result.exitCode == 0)
        #expect(
            result.output.contains("projects/shop/vms/web.yaml:1:1: warning[ignored-file]: symbolic link not followed")
        )
    }
}
