import Foundation
import HeatSyncCore
import Testing

/// Validation rules, one row each: a VM document in a small valid repository, the code the
/// validator must report and where.
@Suite struct ManifestValidationTests {
    static let template = """
        heat_template_version: 2018-08-31
        parameters:
          name: {type: string}
          image: {type: string}
          flavor: {type: string}
          key_name: {type: string, default: ""}
          network: {type: string, default: ""}
          public_ip: {type: boolean, default: false}
          disk_gb: {type: number, default: 10, constraints: [{range: {min: 10, max: 100}}]}
          tier: {type: string, default: gold, constraints: [{allowed_values: [gold, silver]}]}
          zones: {type: comma_delimited_list, default: ""}
        resources:
          server: {type: OS::Heat::None}
        outputs:
          server_id: {value: x}
          private_ip: {value: x}
          public_ip: {value: x}
        """

    static let project = """
        apiVersion: heatsync/v1
        kind: Project
        metadata: {name: shop}
        spec:
          networkProfiles:
            default: {network: private}
        """

    static func load(vm: String, project: String = ManifestValidationTests.project) -> DesiredState {
        DesiredStateLoader.load([
            RepositoryFile(path: "templates/t@v1.yaml", text: template),
            RepositoryFile(path: "projects/shop/project.yaml", text: project),
            RepositoryFile(path: "projects/shop/vms/vm.yaml", text: vm),
        ])
    }

    static func vm(_ spec: String, metadata: String = "name: web-1") -> String {
        "apiVersion: heatsync/v1\nkind: VirtualMachine\nmetadata:\n  \(metadata)\nspec:\n  template: t@v1\n  image: img\n\(spec)"
    }

    @Test("a valid manifest renders its parameters in Heat's string form")
    func valid() throws {
        let desired = Self.load(
            vm: Self.vm("  flavor: small\n  publicIP: true\n  parameters: {disk_gb: 20, zones: [a, b]}\n")
        )
        #expect(desired.diagnostics.isEmpty)
        let rendered = try #require(desired.projects["shop"]?.vms.first?.rendered)
        #expect(
            rendered.parameters == [
                "name": "web-1", "image": "img", "flavor": "small", "network": "private", "public_ip": "true",
                "disk_gb": "20", "zones": "a,b",
            ]
        )
    }

    @Test(
        "each rule reports its code at the right place",
        arguments: [
            (vm("  flavor: small\n  colour: blue\n"), "unknown-field", 9, 3),
            (vm("  flavour: small\n"), "unknown-field", 8, 3),
            (vm("  flavor: small\n  publicIP: \"yes\"\n"), "wrong-type", 9, 13),
            (vm("  flavor: small\n  gpus: -1\n"), "invalid-value", 9, 9),
            (vm("  flavor: small\n  power: sleeping\n"), "invalid-value", 9, 10),
            (vm("  flavor: small\n  securityGroups: web\n"), "wrong-type", 9, 19),
            (vm("  flavor: small\n", metadata: "name: Web_1"), "bad-name", 4, 9),
            (vm("  flavor: small\n", metadata: "name: web-1\n  id: NOT-LOWER"), "bad-name", 5, 7),
            (
                vm("  flavor: small\n", metadata: "name: web-1\n  annotations: {heatsync/adopt: maybe}"),
                "invalid-value", 5, 33
            ),
            (
                vm("  flavor: small\n", metadata: "name: web-1\n  annotations: {heatsync/protect: \"true\"}"),
                "unknown-annotation", 5, 17
            ),
            (vm("  image: again\n  flavor: small\n"), "duplicate-key", 8, 3),
            (
                "apiVersion: heatsync/v1\nkind: VirtualMachine\nmetadata: {name: a}\nspec: {template: t@v1, image: i}\n",
                "missing-field", 4, 7
            ),
            ("apiVersion: heatsync/v1\nkind: Project\nmetadata: {name: a}\nspec: {}\n", "wrong-kind", 2, 7),
            ("apiVersion: v1\nkind: VirtualMachine\nmetadata: {name: a}\nspec: {}\n", "unsupported-api-version", 1, 13),
            (vm("  flavor: small\n  networkProfile: dmz\n"), "unknown-network-profile", 9, 19),
            (vm("  flavor: small\n  gpus: 1\n"), "template-parameter-unsupported", 9, 9),
            (vm("  flavor: small\n  parameters: {disk: 20}\n"), "template-parameter-unknown", 9, 16),
            (vm("  flavor: small\n  parameters: {disk_gb: 5}\n"), "template-parameter-type", 9, 25),
            (vm("  flavor: small\n  parameters: {disk_gb: big}\n"), "template-parameter-type", 9, 25),
            (vm("  flavor: small\n  parameters: {tier: bronze}\n"), "template-parameter-type", 9, 22),
            (vm("  flavor: small\n  parameters: {flavor: big}\n"), "template-parameter-reserved", 9, 16),
            (vm("  flavor: small\n  template: t@v2\n"), "duplicate-key", 9, 3),
            (vm("  flavor: \"\"\n"), "invalid-value", 8, 11),
            (vm("  flavor: small\n  keyPair: ''\n"), "invalid-value", 9, 12),
        ] as [(String, String, Int, Int)]
    )
    func rule(document: String, code: String, line: Int, column: Int) {
        let diagnostics = Self.load(vm: document).diagnostics.sorted
        let match = diagnostics.first { $0.code.rawValue == code }
        #expect(match != nil, "expected \(code); got \(diagnostics.map(\.text))")
        #expect(match?.location == SourceLocation(file: "projects/shop/vms/vm.yaml", line: line, column: column))
    }

    @Test("every problem in a document is reported, not only the first")
    func everyProblem() {
        let document = Self.vm("  flavour: small\n  publicIP: yes\n  gpus: many\n  power: up\n", metadata: "name: Web")
        let codes = Self.load(vm: document).diagnostics.sorted.map(\.code.rawValue)
        #expect(codes == ["bad-name", "missing-field", "unknown-field", "wrong-type", "wrong-type", "invalid-value"])
    }

    @Test("a template reference that does not exist suggests what does")
    func unknownTemplate() {
        let desired = Self.load(vm: Self.vm("  flavor: small\n").replacingTemplate("u@v1"))
        #expect(desired.diagnostics.items.first?.code == .unknownTemplate)
        let versions = Self.load(vm: Self.vm("  flavor: small\n").replacingTemplate("t@v3")).diagnostics.items.first
        #expect(versions?.code == .unknownTemplateVersion)
        #expect(versions?.hint == "versions of t: v1")
    }

    @Test("a template without the required outputs is invalid, and so are the VMs using it")
    func invalidTemplate() {
        let broken = Self.template.replacingOccurrences(of: "public_ip: {value: x}", with: "other: {value: x}")
        let desired = DesiredStateLoader.load([
            RepositoryFile(path: "templates/t@v1.yaml", text: broken),
            RepositoryFile(path: "projects/shop/project.yaml", text: Self.project),
            RepositoryFile(path: "projects/shop/vms/vm.yaml", text: Self.vm("  flavor: small\n")),
        ])
        #expect(desired.diagnostics.items.map(\.code.rawValue) == ["invalid-template", "invalid-template"])
        #expect(desired.projects["shop"]?.invalidVMs.values.sorted() == ["web-1"])
    }

    @Test("VMs need a project.yaml, names are unique per project and ids across the repository")
    func crossFileRules() {
        let vmText = Self.vm("  flavor: small\n")
        let pinned = Self.vm("  flavor: small\n", metadata: "name: web-2\n  id: shared-id")
        let pinned2 = Self.vm("  flavor: small\n", metadata: "name: web-3\n  id: shared-id")
        let desired = DesiredStateLoader.load([
            RepositoryFile(path: "templates/t@v1.yaml", text: Self.template),
            RepositoryFile(path: "projects/shop/project.yaml", text: Self.project),
            RepositoryFile(path: "projects/shop/vms/a.yaml", text: vmText + "---\n" + pinned),
            RepositoryFile(path: "projects/shop/vms/b.yaml", text: vmText + "---\n" + pinned2),
            RepositoryFile(path: "projects/lost/vms/c.yaml", text: vmText),
            RepositoryFile(path: "projects/shop/notes.yaml", text: "a: 1\n"),
        ])
        let found = desired.diagnostics.sorted.map { "\($0.location) \($0.code.rawValue)" }
        #expect(
            found == [
                "projects/lost/vms/c.yaml:1:1 missing-project",
                "projects/shop/notes.yaml:1:1 ignored-file",
                "projects/shop/vms/b.yaml:4:9 duplicate-vm-name",
                "projects/shop/vms/b.yaml:14:7 duplicate-vm-id",
            ]
        )
        #expect(desired.projects["lost"]?.hasErrors == true)
    }

    @Test("project.yaml: one document, its name matches the folder, its fields are checked")
    func projectRules() {
        let mismatched = Self.load(
            vm: Self.vm("  flavor: small\n"),
            project:
                "apiVersion: heatsync/v1\nkind: Project\nmetadata: {name: shoq}\nspec:\n  safety: {maxDeletePercent: 150}\n  quotas: {vms: -1}\n"
        )
        #expect(
            mismatched.diagnostics.sorted.map(\.code.rawValue) == [
                "project-name-mismatch", "invalid-value", "invalid-value",
            ]
        )
        #expect(mismatched.projects["shop"]?.hasErrors == true)
    }
}

extension String {
    func replacingTemplate(_ ref: String) -> String {
        replacingOccurrences(of: "template: t@v1", with: "template: \(ref)")
    }
}
