import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An advisory `flock` on a file beside the database: the SQLite store's single-writer
/// guard (DESIGN §5: "with SQLite, one replica, guarded by a file lock"). The kernel drops
/// it when the process dies, so a crashed apply never leaves a stale lock behind.
final class FileLock: Sendable {
    private let descriptor: Int32

    init(path: String, databasePath: String) throws {
        descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw StoreError.unusable(
                databasePath,
                "cannot open the lock file \(path): \(String(cString: strerror(errno)))"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StoreError.locked(databasePath)
        }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
