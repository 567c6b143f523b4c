public import Foundation
public import HeatSyncCore

/// Reads a fixture folder's `repo/` into ``RepositoryFile``s, as a working directory would be.
public enum FixtureRepository {
    public static func files(at root: URL) throws -> [RepositoryFile] {
        var files: [RepositoryFile] = []
        let base = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = base + "/" + relative
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: full))
            files.append(RepositoryFile(path: relative, bytes: Array(data)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Replaces `{{stack:p/n}}`, `{{id:p/n}}` and `{{spec:p/n}}` in fixture JSON with the VM's
    /// stack name, id and desired spec hash, so fixtures stay readable and survive template edits.
    /// A VM the repository does not declare gets a spec hash derived from its name.
    public static func substitute(_ text: String, desired: DesiredState) -> String {
        var out = text
        let pattern = try! Regex(#"\{\{(stack|id|spec):([a-z0-9-]+)/([a-z0-9-]+)\}\}"#)
        for match in text.matches(of: pattern).reversed() {
            let kind = String(match.output[1].substring!)
            let project = String(match.output[2].substring!)
            let name = String(match.output[3].substring!)
            let vm = desired.projects[project]?.vms.first { $0.name == name }
            let id = vm?.id ?? VMID(project: project, name: name)
            let replacement: String
            switch kind {
            case "stack": replacement = id.stackName
            case "id": replacement = id.rawValue
            default: replacement = vm?.rendered.specHash ?? Hex.digest128("\(project)/\(name)")
            }
            out.replaceSubrange(match.range, with: replacement)
        }
        return out
    }
}
