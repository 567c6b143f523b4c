import Foundation
import HeatSyncGit
import HeatSyncTesting
import Testing

@Suite struct GitErrorTests {
    @Test("a folder without a repository is 'not a repository'")
    func notARepository() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-norepo-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let error = #expect(throws: GitError.notARepository) { try GitRepository.open(at: folder) }
        #expect(error?.description == "open \(folder): not a git repository")
    }

    @Test("a ref that does not exist is 'unknown reference'")
    func unknownReference() throws {
        let remote = try TemporaryGitRepository()
        try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 1))
        let error = #expect(throws: GitError.unknownReference) { try remote.repository.resolve("no-such-branch") }
        #expect(error?.description.hasPrefix("resolve no-such-branch: unknown reference") == true)
        #expect(throws: GitError.unknownReference) { try remote.repository.resolve("0123456789abcdef0123") }
    }

    @Test("an empty repository has no HEAD commit to resolve")
    func unbornBranch() throws {
        let remote = try TemporaryGitRepository()
        #expect(throws: GitError.unknownReference) { try remote.repository.resolve("HEAD") }
    }

    @Test("a detached HEAD is reported when a branch is needed")
    func detachedHead() throws {
        let remote = try TemporaryGitRepository()
        let commit = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 1))
        #expect(try remote.repository.currentBranch() == "main")
        try remote.repository.detachHead(at: commit)
        #expect(throws: GitError.detachedHead) { try remote.repository.currentBranch() }
    }

    @Test("a fetch from a missing remote is a failure whose message holds no credentials")
    func fetchFailureRedacted() throws {
        let local = try TemporaryGitRepository()
        try local.repository.setRemote("origin", url: "https://bot:s3cr3t-token@127.0.0.1:1/nothing.git?x=1")
        let error = #expect(throws: GitError.self) {
            try local.repository.fetch(credentials: .token("s3cr3t-token"))
        }
        let text = error.map(String.init(describing:)) ?? ""
        #expect(!text.contains("s3cr3t"))
        #expect(error == .networkFailure)
    }

    @Test(
        "URLs lose user info and queries in messages",
        arguments: [
            ("failed to connect to https://u:p@host/x.git", "failed to connect to https://host/x.git"),
            ("see http://host/a?token=1 now", "see http://host/a now"),
            ("no url here", "no url here"),
        ]
    )
    func redaction(input: String, expected: String) {
        #expect(GitError.redacting(input) == expected)
    }

    @Test("credentials come from the environment, then a credential-store file, never shown")
    func credentials() throws {
        let token = try GitCredentials.fromEnvironment(["HEATSYNC_GIT_TOKEN": "t0k"], url: "https://h/x.git")
        #expect(!token.description.contains("t0k"))
        let folder = try TemporaryGitRepository()
        let file = folder.sibling("credentials")
        try "https://other:nope@elsewhere\nhttps://bot:pa%24s@h\n".write(
            toFile: file,
            atomically: true,
            encoding: .utf8
        )
        let stored = try GitCredentials.fromEnvironment([:], url: "https://h/x.git", credentialsFile: file)
        #expect(stored.description == "user bot with a secret")
        #expect(throws: GitError.invalidInput) {
            try GitCredentials.fromEnvironment([:], url: "https://h/x.git", credentialsFile: folder.sibling("none"))
        }
    }
}
