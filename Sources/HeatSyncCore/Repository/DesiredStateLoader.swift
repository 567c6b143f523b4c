/// Builds a ``DesiredState`` from the files of a repository: a pure function of paths and
/// bytes, so it runs the same over a working directory, a git tree or a test fixture.
///
/// ```swift
/// let desired = DesiredStateLoader.load(files)
/// if desired.diagnostics.hasErrors { … }
/// ```
///
/// With a ``DesiredStateCache`` and files that carry a ``RepositoryFile/contentID``, a load
/// parses only files it has not seen with that content and renders only projects whose
/// files, or the templates, changed; the result is the same as a load without a cache.
public enum DesiredStateLoader {
    public static func load(_ files: [RepositoryFile], commit: String? = nil) -> DesiredState {
        var cache = DesiredStateCache()
        return load(files, commit: commit, cache: &cache)
    }

    /// Loads `files`, reusing and then refreshing `cache`.
    public static func load(
        _ files: [RepositoryFile],
        commit: String?,
        cache: inout DesiredStateCache
    ) -> DesiredState {
        var next = DesiredStateCache()
        var diagnostics = Diagnostics()
        var templates = TemplateLibrary()
        var brokenTemplates = Set<String>()
        var templateKeys: [DesiredStateCache.FileKey] = []
        var projectFiles: [String: RepositoryFile] = [:]
        var vmFiles: [String: [RepositoryFile]] = [:]
        var digestInput = ""
        var allKeyed = true

        // Sources that list in path order (git trees do) skip the sort.
        let sorted = zip(files, files.dropFirst()).allSatisfy { $0.path < $1.path }
        for file in sorted ? files : files.sorted(by: { $0.path < $1.path }) {
            let layout = RepositoryLayout(path: file.path)
            if layout != .ignored {
                digestInput += "\(file.path)\u{0}\(file.contentID ?? Hex.sha256(file.bytes))\n"
            }
            switch layout {
            case .template:
                let key = file.contentID.map { DesiredStateCache.FileKey(path: file.path, contentID: $0) }
                let parsed: ParsedTemplateFile
                if let key, let cached = cache.templates[key] {
                    parsed = cached
                    next.statistics.reusedFiles += 1
                } else {
                    var templateDiagnostics = Diagnostics()
                    let template = HeatTemplate.parse(
                        path: file.path,
                        bytes: file.bytes,
                        diagnostics: &templateDiagnostics
                    )
                    parsed = ParsedTemplateFile(template: template, diagnostics: templateDiagnostics)
                    next.statistics.parsedFiles.append(file.path)
                }
                if let key {
                    next.templates[key] = parsed
                    templateKeys.append(key)
                } else {
                    allKeyed = false
                }
                diagnostics.append(contentsOf: parsed.diagnostics)
                if let template = parsed.template {
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
        var seenIDs: [VMID: (project: String, name: String, file: String)] = [:]
        let inputs = ProjectInputs(templates: templates, brokenTemplates: brokenTemplates)
        for name in Set(projectFiles.keys).union(vmFiles.keys).sorted() {
            let entry = projectEntry(
                name: name,
                projectFile: projectFiles[name],
                vmFiles: vmFiles[name] ?? [],
                templateKeys: allKeyed ? templateKeys : nil,
                inputs: inputs,
                cache: cache,
                next: &next
            )
            diagnostics.append(contentsOf: entry.diagnostics)
            var project = entry.project
            // Pinned ids must be unique across the repository: stack names are per cloud project,
            // and two heatsync projects may share one.
            project.vms.removeAll { vm in
                if let other = seenIDs[vm.id] {
                    diagnostics.error(
                        .duplicateVMID,
                        "VM id '\(vm.id)' is already used by \(other.project)/\(other.name) (\(other.file))",
                        hint: "each VM needs its own metadata.id",
                        at: vm.manifest.location(of: "metadata.id")
                    )
                    project.hasErrors = true
                    return true
                }
                seenIDs[vm.id] = (vm.project, vm.name, vm.manifest.file)
                return false
            }
            projects[name] = project
        }
        cache = next
        return DesiredState(
            projects: projects,
            templates: templates,
            diagnostics: diagnostics,
            digest: Hex.sha256(Array(digestInput.utf8)),
            commit: commit
        )
    }

    /// A project's rendered VMs and diagnostics: reused from `cache` when none of its files and
    /// no template changed, else built from (mostly cached) parsed files.
    private static func projectEntry(
        name: String,
        projectFile: RepositoryFile?,
        vmFiles: [RepositoryFile],
        templateKeys: [DesiredStateCache.FileKey]?,
        inputs: ProjectInputs,
        cache: DesiredStateCache,
        next: inout DesiredStateCache
    ) -> DesiredStateCache.ProjectEntry {
        let key = projectKey(projectFile: projectFile, vmFiles: vmFiles, templateKeys: templateKeys)
        let previous = cache.projects[name]
        if let key, let previous, previous.key == key {
            next.projects[name] = previous
            next.statistics.reusedProjects += 1
            next.statistics.reusedFiles += vmFiles.count + (projectFile == nil ? 0 : 1)
            return previous
        }
        var parsedProject: ParsedProjectFile?
        if let projectFile {
            parsedProject = parseProject(
                projectFile,
                name: name,
                previous: previous?.key.projectFile == key?.projectFile ? previous?.projectFile : nil,
                statistics: &next.statistics
            )
        }
        var manifestFiles: [DesiredStateCache.FileKey: ParsedManifestFile] = [:]
        let parsedFiles = vmFiles.map { file in
            let fileKey = file.contentID.map { DesiredStateCache.FileKey(path: file.path, contentID: $0) }
            let parsed = parseManifests(
                file,
                project: name,
                previous: fileKey.flatMap { previous?.manifestFiles[$0] },
                statistics: &next.statistics
            )
            if let fileKey { manifestFiles[fileKey] = parsed }
            return (path: file.path, parsed: parsed)
        }
        var diagnostics = Diagnostics()
        let project = loadProject(
            name: name,
            project: parsedProject,
            files: parsedFiles,
            inputs: inputs,
            diagnostics: &diagnostics
        )
        let entry = DesiredStateCache.ProjectEntry(
            key: key ?? DesiredStateCache.ProjectKey(projectFile: nil, vmFiles: [], templates: []),
            project: project,
            diagnostics: diagnostics,
            projectFile: parsedProject,
            manifestFiles: manifestFiles
        )
        next.statistics.renderedProjects.append(name)
        if key != nil { next.projects[name] = entry }
        return entry
    }

    private static func projectKey(
        projectFile: RepositoryFile?,
        vmFiles: [RepositoryFile],
        templateKeys: [DesiredStateCache.FileKey]?
    ) -> DesiredStateCache.ProjectKey? {
        guard let templateKeys else { return nil }
        var projectFileKey: DesiredStateCache.FileKey?
        if let projectFile {
            guard let id = projectFile.contentID else { return nil }
            projectFileKey = DesiredStateCache.FileKey(path: projectFile.path, contentID: id)
        }
        var keys: [DesiredStateCache.FileKey] = []
        keys.reserveCapacity(vmFiles.count)
        for file in vmFiles {
            guard let id = file.contentID else { return nil }
            keys.append(DesiredStateCache.FileKey(path: file.path, contentID: id))
        }
        return DesiredStateCache.ProjectKey(projectFile: projectFileKey, vmFiles: keys, templates: templateKeys)
    }
}

/// What every project renders against.
struct ProjectInputs {
    var templates: TemplateLibrary
    var brokenTemplates: Set<String>
}
