import Foundation
import HeatSyncCore
import HeatSyncTesting
import Testing

/// The shipped examples are part of the contract: `examples/` is valid, `examples/broken/`
/// reports exactly the mistakes listed in its EXPECTED file, and never plans a delete.
@Suite struct ExampleRepositoryTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func load(_ relative: String) throws -> DesiredState {
        let root = repositoryRoot.appendingPathComponent(relative)
        let files = try FixtureRepository.files(at: root).filter {
            $0.path.hasPrefix("projects/") || $0.path.hasPrefix("templates/")
        }
        return DesiredStateLoader.load(files)
    }

    @Test("examples/ validates with no diagnostics")
    func examplesAreValid() throws {
        let desired = try Self.load("examples")
        #expect(desired.diagnostics.items.map(\.text) == [])
        #expect(desired.projects.keys.sorted() == ["ml", "shop"])
        #expect(desired.vmCount >= 8)
    }

    @Test("examples/broken reports every planted mistake at its file:line:column")
    func brokenExamples() throws {
        let desired = try Self.load("examples/broken")
        let expectedText = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("examples/broken/EXPECTED"),
            encoding: .utf8
        )
        let expected = expectedText.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map {
            $0.split(separator: " ").prefix(2).joined(separator: " ")
        }
        let actual = desired.diagnostics.sorted.filter { $0.severity == .error }.map {
            "\($0.location) \($0.code.rawValue)"
        }
        #expect(actual.sorted() == expected.sorted())
    }

    @Test("a plan over examples/broken never deletes in a project with errors")
    func brokenNeverDeletes() throws {
        let desired = try Self.load("examples/broken")
        // One stack of ours per project for a VM that no longer has a manifest, plus one per
        // VM whose manifest is broken: without the safety rule these would all be deletes.
        var observed: [ObservedStack] = []
        for project in desired.projects.values {
            let removed = VMID(project: project.name, name: "removed-vm")
            observed.append(stack(removed, project: project.name, name: "removed-vm"))
            for (stackName, vm) in project.invalidVMs {
                observed.append(stack(VMID(stackName: stackName)!, project: project.name, name: vm))
            }
        }
        let plan = Planner.plan(desired: desired, observed: observed, options: PlanOptions(owner: "o"))
        let executableDeletes = plan.changes.filter { $0.action == .delete && $0.isExecutable }
        #expect(executableDeletes.isEmpty)
        #expect(plan.changes.filter { $0.action == .delete }.allSatisfy { $0.refusal?.code == .projectHasErrors })
        #expect(plan.exitCode == 1)
    }

    func stack(_ id: VMID, project: String, name: String) -> ObservedStack {
        ObservedStack(
            name: id.stackName,
            id: "id-\(name)",
            status: "CREATE_COMPLETE",
            tags: StackTags(owner: "o", project: project, name: name, specHash: "x", template: "t@v1").tags
        )
    }

    @Test("the example repositories carry the shipped templates byte for byte")
    func templatesInSync() throws {
        for template in ["ubuntu-basic@v1.yaml", "gpu-ubuntu@v1.yaml", "test-none@v1.yaml"] {
            let shipped = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("templates/\(template)"))
            for copy in ["examples/templates", "examples/broken/templates"] {
                let other = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("\(copy)/\(template)"))
                #expect(shipped == other, "\(copy)/\(template) differs from templates/\(template)")
            }
        }
    }

    @Test("the shipped templates declare the standard parameters and outputs")
    func shippedTemplates() throws {
        let desired = try Self.load("examples")
        for ref in ["ubuntu-basic@v1", "gpu-ubuntu@v1", "test-none@v1"] {
            let template = try #require(desired.templates[TemplateRef(ref)!])
            #expect(Set(HeatTemplate.requiredOutputs).isSubset(of: template.outputs))
            for standard in StackRenderer.standardParameters.map(\.parameter) where standard != "gpus" {
                #expect(template.parameters[standard] != nil, "\(ref) lacks \(standard)")
            }
        }
    }
}
