import ArgumentParser
import HeatSyncCore
import HeatSyncGit

/// Where the desired state comes from: the working folder by default, or a commit of the
/// repository there (`--ref`).
struct RepositoryOptions: ParsableArguments {
    @Argument(help: "The repository's root folder.", completion: .directory)
    var directory: String = "."

    @Option(
        help: ArgumentHelp(
            "Read the desired state from this commit of the git repository at DIRECTORY (a branch, tag, origin/main, commit id) instead of its working folder.",
            valueName: "ref"
        )
    )
    var ref: String?

    func load() throws -> DesiredState {
        if let ref { return try load(revision: ref) }
        let (files, warnings) = try RepositoryDirectory(root: directory).files()
        var desired = DesiredStateLoader.load(files)
        desired.diagnostics.append(contentsOf: warnings)
        return desired
    }

    /// The desired state at `revision` of the repository at ``directory``.
    func load(revision: String) throws -> DesiredState {
        try gitOperation { () throws(GitError) in
            var loader = GitDesiredStateLoader()
            return try loader.load(try GitRepository.open(at: directory), revision: revision)
        }
    }

    /// What changed between `base` and `head`, for a pull-request plan.
    func reviewScope(base: String, head: String) throws -> ReviewScope {
        try gitOperation { () throws(GitError) in
            try GitRepository.open(at: directory).reviewScope(base: base, head: head)
        }
    }

    /// Runs `body`, turning a git failure into a one-line input error (exit 1).
    private func gitOperation<T>(_ body: () throws(GitError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw InputError(description: error.description)
        }
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
