import ArgumentParser
import Foundation

@testable import HeatSyncCLI

/// Runs `heatsync` commands in-process, the way a user would call them.
enum CLI {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        let command = try HeatSyncCommand.parseAsRoot(arguments)
        switch command {
        case let plan as PlanCommand: return try await plan.execute(environment: environment)
        case let validate as ValidateCommand: return try validate.execute()
        case let apply as ApplyCommand:
            let transcript = Transcript()
            var result = try await apply.execute(environment: environment, write: { transcript.append($0) })
            result.output = transcript.text + result.output
            return result
        case let status as StatusCommand: return try await status.execute(environment: environment)
        default: throw ValidationError("not runnable in tests: \(arguments)")
        }
    }

    /// The message argument-parser would print for an error.
    static func message(_ error: any Error) -> String {
        HeatSyncCommand.message(for: error)
    }
}

/// A temporary repository folder, removed when the value is dropped at the end of a test.
final class TemporaryRepository {
    let root: URL

    init(files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-test-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var path: String { root.path }

    deinit { try? FileManager.default.removeItem(at: root) }
}

/// Progress lines written while a command runs.
final class Transcript: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    func append(_ text: String) {
        lock.lock()
        buffer += text
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}
