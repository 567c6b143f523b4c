import Foundation

/// Writes snapshots to one file atomically (a temporary file in the same directory, then
/// `rename`), never an older one over a newer one.
actor SnapshotWriter {
    let path: String
    private var written = 0

    init(path: String) { self.path = path }

    /// Writes `snapshot` unless a later generation is already on disk.
    func write(_ snapshot: SimulatorSnapshot, generation: Int) throws {
        guard generation > written else { return }
        let data = try snapshot.encoded()
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try data.write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SimulatorError(description: "could not write the state file \(path): \(reason)")
        }
        written = generation
    }
}
