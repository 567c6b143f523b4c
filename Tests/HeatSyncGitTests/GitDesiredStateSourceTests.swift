import Foundation
import HeatSyncCore
import HeatSyncGit
import HeatSyncTesting
import Testing

@Suite struct GitDesiredStateSourceTests {
    @Test("a remote source mirrors, loads, and sees a new commit after the next refresh")
    func refreshes() async throws {
        let remote = try TemporaryGitRepository()
        try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 2))
        let source = try GitDesiredStateSource(
            .remote(url: remote.url, cacheDirectory: remote.sibling("cache")),
            branch: "main"
        )
        let first = await source.refresh()
        #expect(first.health == .healthy)
        #expect(first.desiredState?.vmCount == 2)
        #expect(first.desiredStateChanged)

        let unchanged = await source.refresh()
        #expect(!unchanged.desiredStateChanged)

        try remote.commit(["projects/p0/vms/vm-2.yaml": SampleRepository.vm("vm-2")])
        let second = await source.refresh()
        #expect(second.desiredState?.vmCount == 3)
        #expect(second.desiredStateChanged)
    }

    @Test("a failed fetch keeps the last good desired state and marks the source unhealthy")
    func fetchFailureKeepsLastGood() async throws {
        let remote = try TemporaryGitRepository()
        let commit = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 2))
        let source = try GitDesiredStateSource(
            .remote(url: remote.url, cacheDirectory: remote.sibling("cache")),
            branch: "main"
        )
        _ = await source.refresh()
        try FileManager.default.removeItem(atPath: remote.path)

        let failed = await source.refresh()
        guard case .unhealthy = failed.health else {
            Issue.record("expected an unhealthy source, got \(failed.health)")
            return
        }
        #expect(failed.desiredState?.vmCount == 2)
        #expect(failed.commit == commit)
        #expect(!failed.desiredStateChanged)
        #expect(await source.desiredState?.commit == commit.hex)
    }

    @Test("a corrupt object is reported as corrupt, not as an empty repository")
    func corruptObject() throws {
        let remote = try TemporaryGitRepository()
        let commit = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 1))
        let blob = try #require(try remote.repository.entryID(at: "projects/p0/vms/vm-0.yaml", inCommit: commit))
        let object = remote.path + "/objects/" + blob.hex.prefix(2) + "/" + blob.hex.dropFirst(2)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object)
        try Data("not zlib".utf8).write(to: URL(fileURLWithPath: object))

        var loader = GitDesiredStateLoader()
        #expect(throws: GitError.corruptObject) { try loader.load(remote.repository, commit: commit) }
    }
}
