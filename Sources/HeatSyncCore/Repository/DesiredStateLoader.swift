/// Builds a ``DesiredState`` from the files of a repository: a pure function of paths and
/// bytes, so it runs the same over a working directory, a git tree or a test fixture.
///
/// ```swift
/// let desired = DesiredStateLoader.load(files)
/// if desired.diagnostics.hasErrors { … }
/// ```
public enum DesiredStateLoader {
    public static func load(_ files: [RepositoryFile], commit: String? = nil) -> DesiredState {
        var diagnostics = Diagnostics()
        var templates = TemplateLibrary()
        var brokenTemplates = Set<String>()
        var projectFiles: [String: RepositoryFile] = [:]
        var vmFiles: [String: [RepositoryFile]] = [:]
        var digestInput = ""

        for file in files.sorted(by: { $0.path < $1.path }) {
            let layout = RepositoryLayout(path: file.path)
            if layout != .ignored { digestInput += "\(file.path)\u{0}\(Hex.sha256(file.bytes))\n" }
            switch layout {
            case .template:
                if let template = HeatTemplate.parse(path: file.path, bytes: file.bytes, diagnostics: &diagnostics) {
                    templates.insert(template)
                } else {
                    brokenTemplates.insert(
                        String(file.path.dropFirst("templates/".count).split(separator: ".").first ?? "")
                    )
                }
            case .project(let name):
                projectFiles[name] = file
            case .virtualMachines(let project):
                vmFiles[project, default: []].append(file)
            case .misplacedManifest(let project):
                diagnostics.warning(
                    .ignoredFile,
                    "this file is not read: project '\(project)' keeps VM manifests under vms/",
                    hint: file.path.hasSuffix("project.yml")
                        ? "rename it to project.yaml" : "move it to projects/\(project)/vms/ if it is a manifest",
                    at: .start(of: file.path)
                )
            case .ignored:
                break
            }
        }

        var projects: [String: DesiredProject] = [:]
        var seenIDs: [VMID: String] = [:]
        for name in Set(projectFiles.keys).union(vmFiles.keys).sorted() {
            var project = loadProject(
                name: name,
                projectFile: projectFiles[name],
                vmFiles: vmFiles[name] ?? [],
                templates: templates,
                brokenTemplates: brokenTemplates,
                diagnostics: &diagnostics
            )
            // Pinned ids must be unique across the repository: stack names are per cloud project,
            // and two heatsync projects may share one.
            project.vms.removeAll { vm in
                if let other = seenIDs[vm.id] {
                    diagnostics.error(
                        .duplicateVMID,
                        "VM id '\(vm.id)' is already used by \(other)",
                        hint: "each VM needs its own metadata.id",
                        at: vm.manifest.location(of: "metadata.id")
                    )
                    project.hasErrors = true
                    return true
                }
                seenIDs[vm.id] = "\(vm.project)/\(vm.name) (\(vm.manifest.file))"
                return false
            }
            projects[name] = project
        }
        return DesiredState(
            projects: projects,
            templates: templates,
            diagnostics: diagnostics,
            digest: Hex.sha256(Array(digestInput.utf8)),
            commit: commit
        )
    }

    private static func loadProject(
        name: String,
        projectFile: RepositoryFile?,
        vmFiles: [RepositoryFile],
        templates: TemplateLibrary,
        brokenTemplates: Set<String>,
        diagnostics: inout Diagnostics
    ) -> DesiredProject {
        let errorsBefore = diagnostics.errorCount
        var manifest: ProjectManifest?
        if let projectFile {
            let yaml = YAMLReader.read(projectFile.bytes, path: projectFile.path)
            diagnostics.append(contentsOf: yaml.diagnostics)
            if yaml.documents.count > 1 {
                diagnostics.error(
                    .multipleDocuments,
                    "project.yaml must hold exactly one document, found \(yaml.documents.count)",
                    hint: "put VirtualMachine documents under projects/\(name)/vms/",
                    at: yaml.documents[1].location(in: projectFile.path)
                )
            }
            if let document = yaml.documents.first {
                var decoder = NodeDecoder(file: projectFile.path)
                manifest = ManifestDecoder.project(document, folder: name, decoder: &decoder)
                diagnostics.append(contentsOf: decoder.diagnostics)
            }
        }

        var vms: [DesiredVM] = []
        var invalid: [String: String] = [:]
        var documentCount = 0
        var firstNames: [String: SourceLocation] = [:]
        for file in vmFiles {
            if projectFile == nil {
                diagnostics.error(
                    .missingProject,
                    "VM manifests in projects/\(name)/ but no projects/\(name)/project.yaml",
                    hint: "add a project.yaml with kind: Project and metadata.name: \(name)",
                    at: .start(of: file.path)
                )
            }
            let yaml = YAMLReader.read(file.bytes, path: file.path)
            diagnostics.append(contentsOf: yaml.diagnostics)
            for document in yaml.documents {
                documentCount += 1
                var decoder = NodeDecoder(file: file.path)
                var identity: (name: String?, id: String?) = (nil, nil)
                let vm = ManifestDecoder.virtualMachine(
                    document,
                    project: name,
                    decoder: &decoder,
                    identity: &identity
                )
                diagnostics.append(contentsOf: decoder.diagnostics)
                if let vm {
                    if let first = firstNames[vm.name] {
                        diagnostics.error(
                            .duplicateVMName,
                            "VM '\(vm.name)' is already defined in project '\(name)'",
                            hint: "the first '\(vm.name)' is at \(first); VM names are unique within a project",
                            at: vm.location(of: "metadata.name")
                        )
                        continue
                    }
                    firstNames[vm.name] = vm.location(of: "metadata.name")
                }
                guard let vm, let manifest else {
                    if let vmName = identity.name, ResourceName.isValid(vmName) {
                        let pinned = identity.id.flatMap { ResourceName.isValid($0) ? $0 : nil }
                        invalid[VMID(project: name, name: vmName, pinned: pinned).stackName] = vmName
                    }
                    continue
                }
                let id = VMID(project: name, name: vm.name, pinned: vm.pinnedID)
                if brokenTemplates.contains(vm.spec.template.description) {
                    diagnostics.error(
                        .invalidTemplate,
                        "template \(vm.spec.template) has errors",
                        hint: "fix \(vm.spec.template.path) first",
                        at: vm.location(of: "spec.template")
                    )
                    invalid[id.stackName] = vm.name
                    continue
                }
                guard
                    let rendered = StackRenderer.render(
                        vm,
                        project: manifest,
                        templates: templates,
                        diagnostics: &diagnostics
                    )
                else {
                    invalid[id.stackName] = vm.name
                    continue
                }
                vms.append(DesiredVM(id: id, manifest: vm, rendered: rendered))
            }
        }
        return DesiredProject(
            name: name,
            manifest: manifest,
            vms: vms.sorted { $0.name < $1.name },
            documentCount: documentCount,
            invalidVMs: invalid,
            hasErrors: diagnostics.errorCount > errorsBefore || manifest == nil
        )
    }
}
