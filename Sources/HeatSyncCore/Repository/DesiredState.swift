/// Everything the repository asks for, after parsing, validation and rendering.
public struct DesiredState: Sendable {
    /// Projects by name.
    public var projects: [String: DesiredProject]
    public var templates: TemplateLibrary
    public var diagnostics: Diagnostics
    /// SHA-256 over the paths and contents of every file that was read, so a plan can name
    /// exactly what it was made from when there is no commit id.
    public var digest: String
    /// The commit the files came from, when the caller knows it.
    public var commit: String?

    public var sortedProjects: [DesiredProject] {
        projects.values.sorted { $0.name < $1.name }
    }

    public var vmCount: Int { projects.values.reduce(0) { $0 + $1.vms.count } }
}

/// One project folder.
public struct DesiredProject: Sendable {
    public var name: String
    /// nil when `project.yaml` is missing or has errors.
    public var manifest: ProjectManifest?
    /// VMs that validated and rendered, sorted by name.
    public var vms: [DesiredVM]
    /// VirtualMachine documents written in the project, valid or not (tombstones included).
    public var documentCount: Int
    /// Stacks of VMs whose manifest has errors, by stack name, with the VM's name: the plan
    /// leaves them alone rather than reading a broken file as "delete".
    public var invalidVMs: [String: String]
    /// Whether any file of the project has an error; such a project plans no deletes.
    public var hasErrors: Bool
}

/// A valid VM and the stack it renders to.
public struct DesiredVM: Sendable, Hashable {
    public var id: VMID
    public var manifest: VirtualMachineManifest
    public var rendered: RenderedStack

    public var name: String { manifest.name }
    public var project: String { manifest.project }
    public var stackName: String { id.stackName }

    /// The full tag set the stack must carry.
    public func tags(owner: String) -> StackTags {
        StackTags(
            owner: owner,
            project: project,
            name: name,
            specHash: rendered.specHash,
            template: rendered.template.description,
            isProtected: manifest.deletionProtection
        )
    }
}
