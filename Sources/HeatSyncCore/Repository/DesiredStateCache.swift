/// What ``DesiredStateLoader`` parsed and rendered in its last load, keyed by path and content
/// id (a git blob id), so the next load parses only files whose content changed and renders
/// only projects one of whose inputs changed.
///
/// The cache is a value: keep one per repository and pass it `inout` to every load. Each load
/// keeps only the entries it used, so the cache never outgrows the repository. Files without a
/// ``RepositoryFile/contentID`` are always parsed and never cached.
///
/// ```swift
/// var cache = DesiredStateCache()
/// let first = DesiredStateLoader.load(files, commit: head, cache: &cache)
/// let second = DesiredStateLoader.load(filesAfterOneChange, commit: next, cache: &cache)
/// cache.statistics.parsedFiles   // just the changed file
/// ```
public struct DesiredStateCache: Sendable {
    /// What the last load did.
    public struct Statistics: Sendable, Hashable {
        /// Paths of the files the last load parsed, in path order.
        public var parsedFiles: [String] = []
        /// Files whose parse was reused.
        public var reusedFiles = 0
        /// Projects the last load rendered again, by name.
        public var renderedProjects: [String] = []
        /// Projects reused whole.
        public var reusedProjects = 0

        public init() {}
    }

    struct FileKey: Hashable, Sendable {
        var path: String
        var contentID: String
    }

    /// A project's inputs: if none changed, neither did its ``DesiredProject``.
    struct ProjectKey: Equatable, Sendable {
        var projectFile: FileKey?
        var vmFiles: [FileKey]
        var templates: [FileKey]
    }

    /// A project as last rendered, with the parsed files it was rendered from: a project
    /// whose inputs did not change is carried over whole, without touching its files.
    struct ProjectEntry: Sendable {
        var key: ProjectKey
        var project: DesiredProject
        var diagnostics: Diagnostics
        var projectFile: ParsedProjectFile?
        var manifestFiles: [FileKey: ParsedManifestFile]
    }

    var templates: [FileKey: ParsedTemplateFile] = [:]
    var projects: [String: ProjectEntry] = [:]

    /// What the last load did.
    public internal(set) var statistics = Statistics()

    public init() {}

    /// Whether a load would reuse its parse of this path and content id, so the caller need
    /// not read the bytes (pass ``RepositoryFile/cached(path:contentID:)`` instead).
    public func contains(path: String, contentID: String) -> Bool {
        let key = FileKey(path: path, contentID: contentID)
        switch RepositoryLayout(path: path) {
        case .template: return templates[key] != nil
        case .project(let name): return projects[name]?.key.projectFile == key
        case .virtualMachines(let project): return projects[project]?.manifestFiles[key] != nil
        case .misplacedManifest, .ignored: return false
        }
    }

    /// Number of parsed files held.
    public var count: Int {
        templates.count
            + projects.values.reduce(0) { $0 + $1.manifestFiles.count + ($1.key.projectFile == nil ? 0 : 1) }
    }
}

/// A template file after parsing: the template, or the diagnostics that explain its absence.
struct ParsedTemplateFile: Sendable {
    var template: HeatTemplate?
    var diagnostics: Diagnostics
}

/// A `project.yaml` after parsing and decoding.
struct ParsedProjectFile: Sendable {
    var manifest: ProjectManifest?
    var diagnostics: Diagnostics
}

/// A file of VirtualMachine documents after parsing and decoding, before rendering (which
/// depends on the project and the templates, so it is cached per project instead).
struct ParsedManifestFile: Sendable {
    struct Document: Sendable {
        var vm: VirtualMachineManifest?
        /// What identity the document declares, even when it does not decode.
        var name: String?
        var id: String?
        var diagnostics: Diagnostics
    }

    var yamlDiagnostics: Diagnostics
    var documents: [Document]
}
