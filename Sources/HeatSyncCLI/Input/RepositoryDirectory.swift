import Foundation
import HeatSyncCore

/// Reads a repository's working directory into ``RepositoryFile``s: everything under
/// `projects/` and `templates/`, skipping hidden entries and symbolic links (a link could
/// point outside the repository; git trees are read through libgit2 instead).
struct RepositoryDirectory {
    let root: URL

    init(root: String) {
        self.root = URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func files() throws -> [RepositoryFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure(description: "\(root.path) is not a folder")
        }
        var files: [RepositoryFile] = []
        for top in ["projects", "templates"] {
            try collect(relative: top, into: &files)
        }
        return files
    }

    private func collect(relative: String, into files: inout [RepositoryFile]) throws {
        let url = root.appendingPathComponent(relative)
        let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey, .isRegularFileKey])
        guard let values, values.isSymbolicLink != true else { return }
        if values.isDirectory == true {
            let entries = try FileManager.default.contentsOfDirectory(atPath: url.path)
            for entry in entries.sorted() where !entry.hasPrefix(".") {
                try collect(relative: relative + "/" + entry, into: &files)
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
