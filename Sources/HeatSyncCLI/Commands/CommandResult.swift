import ArgumentParser
import Foundation

/// What a command produced: its standard output and exit code. Commands compute a result and
/// `run()` prints it, so tests run commands in-process and read the same bytes users see.
struct CommandResult: Sendable {
    var output: String
    var exitCode: Int32

    func emit() throws {
        FileHandle.standardOutput.write(Data(output.utf8))
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// JSON the way heatsync writes it everywhere: sorted keys, unescaped slashes, indented.
enum JSONOutput {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
