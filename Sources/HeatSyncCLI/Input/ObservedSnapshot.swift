import Foundation
import HeatSyncCore

/// Reads `--observed FILE`: a JSON list of stacks (or `{"stacks": [...]}`), the shape of
/// ``ObservedStack``. Until the OpenStack adapter lands, this is how `plan` sees a cloud.
enum ObservedSnapshot {
    struct Wrapped: Decodable {
        var stacks: [ObservedStack]
    }

    static func load(path: String) throws -> [ObservedStack] {
        let data = try JSONInput.read(path: path, what: "observed stacks")
        let isList = data.first { ![0x20, 0x0a, 0x0d, 0x09].contains($0) } == UInt8(ascii: "[")
        do {
            if isList { return try JSONDecoder().decode([ObservedStack].self, from: data) }
            return try JSONDecoder().decode(Wrapped.self, from: data).stacks
        } catch {
            throw InputError(
                description: "\(path): not a list of stacks: \(JSONInput.describe(error))"
            )
        }
    }
}

/// Reads `--journal FILE`: a JSON list of journal entries.
enum JournalFile {
    static func load(path: String) throws -> JournalSnapshot {
        let data = try JSONInput.read(path: path, what: "journal")
        do {
            return JournalSnapshot(entries: try JSONDecoder().decode([JournalEntry].self, from: data))
        } catch {
            throw InputError(
                description: "\(path): not a list of journal entries: \(JSONInput.describe(error))"
            )
        }
    }
}

enum JSONInput {
    static func read(path: String, what: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(description: "cannot read the \(what) file \(path)")
        }
        return data
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing '\(key.stringValue)' at \(path(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context.codingPath))"
        default:
            return "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty
            ? "the top level"
            : codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
