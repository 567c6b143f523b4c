import ArgumentParser
import HeatSyncCore

/// Where the desired state comes from.
struct RepositoryOptions: ParsableArguments {
    @Argument(help: "The repository's root folder.", completion: .directory)
    var directory: String = "."

    func load() throws -> DesiredState {
        let (files, warnings) = try RepositoryDirectory(root: directory).files()
        var desired = DesiredStateLoader.load(files)
        desired.diagnostics.append(contentsOf: warnings)
        return desired
    }
}

/// How results are printed.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("no-color"), help: "Never colour the output (colour is used only on a terminal).")
    var noColor = false

    var style: TerminalStyle {
        TerminalStyle(enabled: !noColor && Terminal.supportsColour)
    }
}
