/// One project: parse its files (or reuse their parse), then validate and render its VMs.
extension DesiredStateLoader {
    static func parseProject(
        _ file: RepositoryFile,
        name: String,
        previous: ParsedProjectFile?,
        statistics: inout DesiredStateCache.Statistics
    ) -> ParsedProjectFile {
        if let previous {
            statistics.reusedFiles += 1
            return previous
        }
        var diagnostics = Diagnostics()
        var manifest: ProjectManifest?
        let yaml = YAMLReader.read(file.bytes, path: file.path)
        diagnostics.append(contentsOf: yaml.diagnostics)
        if yaml.documents.count > 1 {
            diagnostics.error(
                .multipleDocuments,
                "project.yaml must hold exactly one document, found \(yaml.documents.count)",
                hint: "put VirtualMachine documents under projects/\(name)/vms/",
                at: yaml.documents[1].location(in: file.path)
            )
        }
        if let document = yaml.documents.first {
            var decoder = NodeDecoder(file: file.path)
            manifest = ManifestDecoder.project(document, folder: name, decoder: &decoder)
            diagnostics.append(contentsOf: decoder.diagnostics)
        }
        statistics.parsedFiles.append(file.path)
        return ParsedProjectFile(manifest: manifest, diagnostics: diagnostics)
    }

    static func parseManifests(
        _ file: RepositoryFile,
        project: String,
        previous: ParsedManifestFile?,
        statistics: inout DesiredStateCache.Statistics
    ) -> ParsedManifestFile {
        if let previous {
            statistics.reusedFiles += 1
            return previous
        }
        let yaml = YAMLReader.read(file.bytes, path: file.path)
        var documents: [ParsedManifestFile.Document] = []
        for document in yaml.documents {
            var decoder = NodeDecoder(file: file.path)
            var identity: (name: String?, id: String?) = (nil, nil)
            let vm = ManifestDecoder.virtualMachine(document, project: project, decoder: &decoder, identity: &identity)
            documents.append(
                ParsedManifestFile.Document(
                    vm: vm,
                    name: identity.name,
                    id: identity.id,
                    diagnostics: decoder.diagnostics
                )
            )
        }
        statistics.parsedFiles.append(file.path)
        return ParsedManifestFile(yamlDiagnostics: yaml.diagnostics, documents: documents)
    }

    static func loadProject(
        name: String,
        project: ParsedProjectFile?,
        files: [(path: String, parsed: ParsedManifestFile)],
        inputs: ProjectInputs,
        diagnostics: inout Diagnostics
    ) -> DesiredProject {
        let errorsBefore = diagnostics.errorCount
        let manifest = project?.manifest
        if let project { diagnostics.append(contentsOf: project.diagnostics) }

        var vms: [DesiredVM] = []
        var invalid: [String: String] = [:]
        var documentCount = 0
        var firstNames: [String: SourceLocation] = [:]
        for (path, file) in files {
            if project == nil {
                diagnostics.error(
                    .missingProject,
                    "VM manifests in projects/\(name)/ but no projects/\(name)/project.yaml",
                    hint: "add a project.yaml with kind: Project and metadata.name: \(name)",
                    at: .start(of: path)
                )
            }
            diagnostics.append(contentsOf: file.yamlDiagnostics)
            for document in file.documents {
                documentCount += 1
                diagnostics.append(contentsOf: document.diagnostics)
                let vm = document.vm
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
                    if let vmName = document.name, ResourceName.isValid(vmName) {
                        let pinned = document.id.flatMap { ResourceName.isValid($0) ? $0 : nil }
                        invalid[VMID(project: name, name: vmName, pinned: pinned).stackName] = vmName
                    }
                    continue
                }
                let id = VMID(project: name, name: vm.name, pinned: vm.pinnedID)
                if inputs.brokenTemplates.contains(vm.spec.template.description) {
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
                        templates: inputs.templates,
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
