/// What a pull request changed: the repository paths that differ between its base and its
/// head. A plan made with a scope marks each change that comes from those paths
/// (``PlannedChange/changedInReview``), so a reviewer sees first what the pull request does.
///
/// A change is in scope when its manifest file changed, its project's `project.yaml`
/// changed, or the template it renders with changed. A change without a manifest (a stack
/// whose manifest was removed, or one whose manifest has errors) is in scope when any file
/// of its project changed: a deleted file leaves no source to point at.
public struct ReviewScope: Sendable, Hashable, Codable {
    /// The base the pull request is compared with, as given (`origin/main`).
    public var base: String
    /// The base's commit id.
    public var baseCommit: String
    /// Changed paths (added, modified, deleted or renamed, both sides), sorted.
    public var changedPaths: [String]

    enum CodingKeys: String, CodingKey {
        case base
        case baseCommit = "base_commit"
        case changedPaths = "changed_paths"
    }

    public init(base: String, baseCommit: String, changedPaths: some Sequence<String>) {
        self.base = base
        self.baseCommit = baseCommit
        self.changedPaths = Array(Set(changedPaths)).sorted()
    }

    /// Whether `change` comes from a changed file (see the type's discussion).
    public func contains(_ change: PlannedChange) -> Bool {
        index.contains(change)
    }

    var index: Index { Index(changedPaths) }

    /// The scope's paths, arranged for the questions ``contains(_:)`` asks.
    struct Index {
        var paths: Set<String>
        var touchedProjects: Set<String> = []
        var changedProjectFiles: Set<String> = []
        var changedTemplates: Set<String> = []

        init(_ changedPaths: [String]) {
            paths = Set(changedPaths)
            for path in changedPaths {
                switch RepositoryLayout(path: path) {
                case .project(let name):
                    changedProjectFiles.insert(name)
                    touchedProjects.insert(name)
                case .virtualMachines(let project), .misplacedManifest(let project):
                    touchedProjects.insert(project)
                case .template:
                    let file = path.dropFirst("templates/".count)
                    let name = file.hasSuffix(".yaml") ? file.dropLast(5) : file.dropLast(4)
                    changedTemplates.insert(String(name))
                case .ignored:
                    break
                }
            }
        }

        func contains(_ change: PlannedChange) -> Bool {
            if changedProjectFiles.contains(change.project) { return true }
            if let template = change.template, changedTemplates.contains(template) { return true }
            guard let source = change.source else { return touchedProjects.contains(change.project) }
            return paths.contains(source.file)
        }
    }
}
