import HeatSyncCore
import HeatSyncGit
import HeatSyncTesting
import Testing

@Suite struct GitDesiredStateLoaderTests {
    @Test("loads the desired state of the commit a ref names, not of the branch tip")
    func loadAtRef() throws {
        let remote = try TemporaryGitRepository()
        let first = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 2), message: "two VMs")
        try remote.repository.setReference("refs/tags/v1", to: first)
        try remote.commit(["projects/p0/vms/vm-2.yaml": SampleRepository.vm("vm-2")], message: "a third")

        var loader = GitDesiredStateLoader()
        let tagged = try loader.load(remote.repository, revision: "v1")
        #expect(tagged.vmCount == 2)
        #expect(tagged.commit == first.hex)
        #expect(!tagged.diagnostics.hasErrors)

        let tip = try loader.load(remote.repository, revision: "main")
        #expect(tip.vmCount == 3)
        #expect(try loader.load(remote.repository, revision: first.short).vmCount == 2)
    }

    @Test("a tree load equals a load of the same files from a working directory")
    func sameAsFiles() throws {
        let remote = try TemporaryGitRepository()
        let files = SampleRepository.files(projects: 2, vmsPerProject: 3)
        let commit = try remote.commit(files)
        var loader = GitDesiredStateLoader()
        let fromGit = try loader.load(remote.repository, commit: commit)
        let fromFiles = DesiredStateLoader.load(files.map { RepositoryFile(path: $0.key, text: $0.value ?? "") })
        #expect(fromGit.vmCount == fromFiles.vmCount)
        let gitHashes = fromGit.sortedProjects.flatMap { $0.vms.map(\.rendered.specHash) }
        #expect(gitHashes == fromFiles.sortedProjects.flatMap { $0.vms.map(\.rendered.specHash) })
        #expect(fromGit.diagnostics.items == fromFiles.diagnostics.items)
    }

    @Test("after a one-file change only that file is read and parsed, only its project rendered")
    func incrementalReload() throws {
        let remote = try TemporaryGitRepository()
        try remote.commit(SampleRepository.files(projects: 3, vmsPerProject: 4))
        var loader = GitDesiredStateLoader()
        let before = try loader.load(remote.repository, revision: "main")
        #expect(loader.statistics.parsing.parsedFiles.count == 1 + 3 + 12)

        try remote.commit(["projects/p1/vms/vm-2.yaml": SampleRepository.vm("vm-2", flavor: "m1.large")])
        let after = try loader.load(remote.repository, revision: "main")
        #expect(loader.statistics.parsing.parsedFiles == ["projects/p1/vms/vm-2.yaml"])
        #expect(loader.statistics.blobsRead == 1)
        #expect(loader.statistics.parsing.renderedProjects == ["p1"])
        #expect(loader.statistics.parsing.reusedProjects == 2)
        #expect(after.digest != before.digest)
        let flavor = after.projects["p1"]?.vms.first { $0.name == "vm-2" }?.manifest.spec.flavor
        #expect(flavor == "m1.large")
    }

    @Test("a file with an error is reported at its path, and stays reported when reused")
    func errorPositions() throws {
        let remote = try TemporaryGitRepository()
        var files = SampleRepository.files(projects: 1, vmsPerProject: 1)
        files["projects/p0/vms/bad.yaml"] =
            "apiVersion: heatsync/v1\nkind: VirtualMachine\nmetadata: {name: bad}\nspec: {colour: red}\n"
        try remote.commit(files)
        var loader = GitDesiredStateLoader()
        let first = try loader.load(remote.repository, revision: "main")
        #expect(first.diagnostics.hasErrors)
        #expect(first.diagnostics.items.allSatisfy { $0.location.file == "projects/p0/vms/bad.yaml" })

        try remote.commit(["README.md": "hello"])
        try remote.commit(["projects/p0/vms/vm-0.yaml": SampleRepository.vm("vm-0", flavor: "m1.large")])
        let second = try loader.load(remote.repository, revision: "main")
        #expect(second.diagnostics.items == first.diagnostics.items)
    }

    @Test("a commit that changes only status/ short-circuits the load and keeps the desired-state digest")
    func statusCommitIsNotDesiredState() throws {
        let remote = try TemporaryGitRepository()
        let first = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 2))
        var loader = GitDesiredStateLoader()
        let before = try loader.load(remote.repository, commit: first)
        let status = try StatusCommitter(options: .init(branch: "main", remote: nil))
            .commit(["status/README.md": Array("# status\n".utf8)], to: remote.repository)
        let statusCommit = try #require(status.commit)

        let after = try loader.load(remote.repository, commit: statusCommit)
        #expect(loader.statistics.reusedWholeState)
        #expect(after.digest == before.digest)
        #expect(after.commit == statusCommit.hex)
        #expect(try remote.repository.changesDesiredState(from: first, to: statusCommit) == false)
        // A fresh loader agrees: the digest does not depend on the cache.
        var fresh = GitDesiredStateLoader()
        #expect(try fresh.load(remote.repository, commit: statusCommit).digest == before.digest)
    }
}
