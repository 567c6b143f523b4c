import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the heatsync version."
    )

    func run() throws {
        print("heatsync \(HeatSyncVersion.current)")
    }
}
