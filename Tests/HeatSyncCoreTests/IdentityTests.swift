import HeatSyncCore
import Testing

@Suite struct IdentityTests {
    @Test("the heatsync namespace is UUIDv5 of its URL in the RFC 4122 URL namespace")
    func namespace() {
        #expect(UUIDv5.string(VMID.namespace) == "ff106adb-d214-5376-b5a2-b378696e1576")
    }

    @Test(
        "VM ids are UUIDv5 of project/name (values checked against Python's uuid.uuid5)",
        arguments: [
            ("shop", "web-1", "1573c250-20a2-57fe-82b9-69e39adc011b"),
            ("shop", "web-2", "dcff880f-8c5c-54b4-a977-d43c9a430d01"),
            ("ml", "gpu-1", "d370f8c0-4bf5-55a7-a87b-5017397ca087"),
        ]
    )
    func derivedIDs(project: String, name: String, expected: String) {
        let id = VMID(project: project, name: name)
        #expect(id.rawValue == expected)
        #expect(id.stackName == "vm-\(expected)")
        #expect(VMID(stackName: id.stackName) == id)
    }

    @Test("a pinned id wins, and renaming without one is a new VM")
    func pinned() {
        #expect(VMID(project: "shop", name: "web-1", pinned: "legacy-7").stackName == "vm-legacy-7")
        #expect(VMID(project: "shop", name: "web-1") != VMID(project: "shop", name: "web-one"))
        #expect(VMID(project: "shop", name: "web-1") != VMID(project: "blog", name: "web-1"))
    }

    @Test("stack tags round-trip and stay within Heat's 80 characters")
    func tags() {
        let name = String(repeating: "a", count: 63)
        let tags = StackTags(
            owner: "default",
            project: name,
            name: name,
            specHash: Hex.digest128("x"),
            template: "ubuntu-basic@v1",
            isProtected: true
        )
        #expect(tags.tags.allSatisfy { $0.count <= StackTags.maxTagLength && !$0.contains(",") })
        #expect(StackTags(parsing: tags.tags) == tags)
        #expect(StackTags.problem(withOwner: "a,b") != nil)
        #expect(StackTags.problem(withOwner: String(repeating: "o", count: 70)) != nil)
        #expect(StackTags.problem(withOwner: "team-a") == nil)
    }

    @Test(
        "names follow the DNS-label rule",
        arguments: [
            ("web-1", true), ("a", true), ("-web", false), ("web-", false), ("Web", false), ("web_1", false),
            (String(repeating: "a", count: 63), true), (String(repeating: "a", count: 64), false), ("", false),
        ]
    )
    func names(name: String, valid: Bool) {
        #expect(ResourceName.isValid(name) == valid)
    }

    @Test("template references parse only as name@vN")
    func templateRefs() {
        #expect(TemplateRef("ubuntu-basic@v1") == TemplateRef(name: "ubuntu-basic", version: 1))
        for bad in ["ubuntu-basic", "ubuntu@1", "ubuntu@v0", "ubuntu@v01", "../etc@v1", "Ubuntu@v1", "a@v1x", "@v1"] {
            #expect(TemplateRef(bad) == nil, "\(bad)")
        }
    }
}
