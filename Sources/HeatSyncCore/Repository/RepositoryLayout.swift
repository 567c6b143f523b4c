/// Where a path sits in the repository format (DESIGN §1).
enum RepositoryLayout: Equatable {
    case template
    case project(String)
    case virtualMachines(project: String)
    /// A YAML file under a project folder that heatsync does not read.
    case misplacedManifest(project: String)
    case ignored

    init(path: String) {
        // Substrings, not Strings: this runs for every file of every load.
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let isYAML = path.hasSuffix(".yaml") || path.hasSuffix(".yml")
        if parts.count == 2, parts[0] == "templates", isYAML {
            self = .template
        } else if parts.count >= 3, parts[0] == "projects", !parts[1].isEmpty {
            let project = String(parts[1])
            if parts.count == 3, parts[2] == "project.yaml" {
                self = .project(project)
            } else if parts.count >= 4, parts[2] == "vms", isYAML {
                self = .virtualMachines(project: project)
            } else {
                self = isYAML ? .misplacedManifest(project: project) : .ignored
            }
        } else {
            self = .ignored
        }
    }
}
