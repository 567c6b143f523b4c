import Foundation
import HeatSyncCore

/// Reads a repository's working directory into ``RepositoryFile``s: every YAML file under
/// `projects/` and `templates/`. Hidden entries are skipped; symbolic links are not followed
/// (a link could point outside the repository) and each one is reported as a warning.
struct RepositoryDirectory {
    let root: URL

    init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }

    /// The files, and a warning for every symbolic link that was not followed.
    func files() throws -> (files: [RepositoryFile], warnings: Diagnostics) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(description: "\(root.path) is not a folder")
        }
        var files: [RepositoryFile] = []
        var warnings = Diagnostics()
        for top in ["projects", "templates"] {
            try collect(relative: top, into: &files, warnings: &warnings)
        }
        return (files, warnings)
    }

    private func collect(relative: String, into files: inout [RepositoryFile], warnings: inout Diagnostics) throws {
        let url = root.appendingPathComponent(relative)
        let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey, .isRegularFileKey])
        guard let values else { return }
        if values.isSymbolicLink == true {
            warnings.warning(
                .ignoredFile,
                "symbolic link not followed",
                hint: "replace the link with the file itself; heatsync reads only what is in the repository",
                at: .start(of: relative)
            )
            return
        }
        if values.isDirectory == true {
            let entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                try collect(relative: relative + "/" + entry, into: &files, warnings: &warnings)
            }
        } else if values.isRegularFile == true, relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            files.append(RepositoryFile(path: relative, bytes: try readBounded(url)))
        }
    }

    /// Reads at most one byte past the manifest size limit, so a huge file is reported as too
    /// large without being read whole.
    private func readBounded(_ url: URL) throws -> [UInt8] {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: YAMLLimits.manifests.maxFileBytes + 1) ?? Data()
        return Array(data)
    }
}
