import HeatSyncCore
import HeatSyncGit
import HeatSyncTesting
import Testing

@Suite struct StatusCommitterTests {
    static let status: [String: [UInt8]] = [
        "status/README.md": Array("# Status\n\n| VM | state |\n| --- | --- |\n| web-1 | ready |\n".utf8),
        "status/vms.json": Array(#"{"vms":[{"name":"web-1","state":"ready"}]}"#.utf8),
    ]

    /// A bare remote with desired state, and a mirror of it that has fetched.
    func remoteAndMirror() throws -> (remote: TemporaryGitRepository, mirror: GitRepository, tip: GitObjectID) {
        let remote = try TemporaryGitRepository()
        let tip = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 2), message: "desired state")
        let mirror = try GitRepository.mirror(url: remote.url, cacheDirectory: remote.sibling("cache"))
        try mirror.fetch()
        return (remote, mirror, tip)
    }

    @Test("status is committed by the bot with [skip ci] on the watched branch and pushed")
    func commitAndPush() throws {
        let (remote, mirror, tip) = try remoteAndMirror()
        let bot = GitSignature(name: "heatsync-bot", email: "bot@example.com")
        let result = try StatusCommitter(options: .init(branch: "main", identity: bot)).commit(Self.status, to: mirror)

        #expect(result.committed)
        #expect(result.pushAttempts == 1)
        let pushed = try remote.repository.resolve("main")
        #expect(pushed == result.commit)
        #expect(try remote.repository.parent(of: pushed) == tip)
        #expect(try remote.repository.message(of: pushed) == "heatsync: update status [skip ci]")
        #expect(try remote.repository.author(of: pushed) == "heatsync-bot <bot@example.com>")
        #expect(
            try remote.repository.fileBytes(at: "status/vms.json", inCommit: pushed) == Self.status["status/vms.json"]
        )
        // The desired state is carried over untouched.
        #expect(try remote.repository.changesDesiredState(from: tip, to: pushed) == false)
    }

    @Test("unchanged status makes no commit and no push")
    func noCommitWhenUnchanged() throws {
        let (remote, mirror, _) = try remoteAndMirror()
        let committer = StatusCommitter(options: .init(branch: "main"))
        let first = try committer.commit(Self.status, to: mirror)
        let second = try committer.commit(Self.status, to: mirror)
        #expect(!second.committed)
        #expect(second.commit == first.commit)
        #expect(second.pushAttempts == 0)
        #expect(try remote.repository.resolve("main") == first.commit)
    }

    @Test("a push racing another one fetches, commits again on the new tip, and pushes again")
    func concurrentPushRetries() throws {
        let (remote, mirror, _) = try remoteAndMirror()
        // Someone merges a pull request after the mirror's last fetch.
        let merged = try remote.commit(["projects/p0/vms/vm-9.yaml": SampleRepository.vm("vm-9")], message: "merge")

        let result = try StatusCommitter(options: .init(branch: "main")).commit(Self.status, to: mirror)
        #expect(result.committed)
        #expect(result.pushAttempts == 2)
        let pushed = try remote.repository.resolve("main")
        #expect(pushed == result.commit)
        #expect(try remote.repository.parent(of: pushed) == merged)
        #expect(try remote.repository.fileBytes(at: "projects/p0/vms/vm-9.yaml", inCommit: pushed) != nil)
    }

    @Test("a remote that keeps moving exhausts the bounded retries")
    func boundedRetries() throws {
        let (remote, mirror, _) = try remoteAndMirror()
        try remote.commit(["projects/p0/vms/vm-9.yaml": SampleRepository.vm("vm-9")], message: "merge")
        let committer = StatusCommitter(options: .init(branch: "main", maxAttempts: 1))
        #expect(throws: GitError.nonFastForward) { try committer.commit(Self.status, to: mirror) }
    }

    @Test("a separate status branch starts as a root commit holding only status/")
    func separateBranch() throws {
        let (remote, mirror, tip) = try remoteAndMirror()
        let result = try StatusCommitter(options: .init(branch: "heatsync-status")).commit(Self.status, to: mirror)
        #expect(result.committed)
        let pushed = try remote.repository.resolve("heatsync-status")
        #expect(try remote.repository.parent(of: pushed) == nil)
        #expect(try remote.repository.resolve("main") == tip)
        #expect(try remote.repository.fileBytes(at: "projects/p0/project.yaml", inCommit: pushed) == nil)
    }

    @Test("only status/ may be written")
    func onlyStatus() throws {
        let (_, mirror, _) = try remoteAndMirror()
        #expect(throws: GitError.invalidInput) {
            try StatusCommitter(options: .init(branch: "main")).commit(["projects/p0/project.yaml": []], to: mirror)
        }
    }

    @Test("the checked-out branch of a working repository is never moved")
    func checkedOutBranch() throws {
        let working = try TemporaryGitRepository(bare: false)
        try working.commit(SampleRepository.files(projects: 1, vmsPerProject: 1))
        #expect(throws: GitError.invalidInput) {
            try StatusCommitter(options: .init(branch: "main", remote: nil)).commit(Self.status, to: working.repository)
        }
    }
}
