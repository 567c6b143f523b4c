import Foundation
import HeatSyncCore
import Testing

@Suite struct SpecHashTests {
    static let template = """
        heat_template_version: 2018-08-31
        parameters:
          name: {type: string}
          image: {type: string}
          flavor: {type: string}
        resources:
          server: {type: OS::Heat::None, properties: {size: 12, ratio: 0.5, enabled: yes}}
        outputs:
          server_id: {value: {get_resource: server}}
          private_ip: {value: ""}
          public_ip: {value: ""}
        """

    static let project = """
        apiVersion: heatsync/v1
        kind: Project
        metadata: {name: shop}
        spec: {}
        """

    func spec(template: String = SpecHashTests.template, flavor: String = "m1.small") -> String? {
        let files = [
            RepositoryFile(path: "templates/t@v1.yaml", text: template),
            RepositoryFile(path: "projects/shop/project.yaml", text: Self.project),
            RepositoryFile(
                path: "projects/shop/vms/a.yaml",
                text:
                    "apiVersion: heatsync/v1\nkind: VirtualMachine\nmetadata: {name: a}\nspec: {template: t@v1, image: img, flavor: \(flavor)}\n"
            ),
        ]
        let desired = DesiredStateLoader.load(files)
        return desired.projects["shop"]?.vms.first?.rendered.specHash
    }

    @Test("the spec hash is a fixed value: stable across runs and machines")
    func stable() {
        // Computed independently with PyYAML (Heat's loader) and json.dumps(sort_keys=True): a change
        // here would update every stack, so it must be deliberate.
        #expect(spec() == "4003b6a99352cd990d56ab858aebaac7")
    }

    @Test("reformatting the template (comments, key order, flow vs block) keeps the hash")
    func formattingInvariant() {
        let reformatted = """
            # a comment
            heat_template_version: 2018-08-31
            outputs:
              public_ip: {value: ""}
              private_ip: {value: ""}
              server_id:
                value: {get_resource: server}
            resources:
              server:
                properties:
                  enabled: yes
                  ratio: 0.50
                  size: 12
                type: OS::Heat::None
            parameters:
              flavor: {type: string}
              image: {type: string}
              name: {type: string}
            """
        #expect(spec(template: reformatted) == spec())
    }

    @Test("a parameter or template change changes the hash")
    func sensitive() {
        #expect(spec(flavor: "m1.large") != spec())
        #expect(spec(template: Self.template.replacingOccurrences(of: "size: 12", with: "size: 13")) != spec())
    }

    @Test("canonical JSON sorts keys and escapes control characters")
    func canonicalJSON() {
        let value = JSONValue.object(["b": .number("1"), "a": .array([.string("x\"\n\u{1}"), .bool(true), .null])])
        #expect(value.canonicalText == #"{"a":["x\"\n\u0001",true,null],"b":1}"#)
    }
}
