import HeatSyncCore
import HeatSyncTesting
import Testing

@Suite struct DesiredStateCacheTests {
    /// Files with a content id derived from their text, as a git source would give them.
    static func files(_ texts: [String: String?]) -> [RepositoryFile] {
        texts.compactMap { path, text in
            text.map { RepositoryFile(path: path, bytes: Array($0.utf8), contentID: Hex.digest128($0)) }
        }
    }

    @Test("a cached load equals an uncached one, diagnostics included")
    func sameResult() {
        var texts = SampleRepository.files(projects: 2, vmsPerProject: 2)
        texts["projects/p1/vms/dup.yaml"] = SampleRepository.vm("vm-0")
        var cache = DesiredStateCache()
        _ = DesiredStateLoader.load(Self.files(texts), commit: nil, cache: &cache)
        texts["projects/p0/vms/vm-1.yaml"] = SampleRepository.vm("vm-1", flavor: "m1.large")
        let cached = DesiredStateLoader.load(Self.files(texts), commit: nil, cache: &cache)
        let fresh = DesiredStateLoader.load(Self.files(texts))
        #expect(cached.diagnostics.items == fresh.diagnostics.items)
        #expect(cached.diagnostics.hasErrors)
        #expect(cached.digest == fresh.digest)
        #expect(cached.sortedProjects.map(\.vms) == fresh.sortedProjects.map(\.vms))
        #expect(cache.statistics.parsedFiles == ["projects/p0/vms/vm-1.yaml"])
    }

    @Test("a changed template renders every project again but parses only the template")
    func templateChange() {
        var texts = SampleRepository.files(projects: 3, vmsPerProject: 1)
        var cache = DesiredStateCache()
        _ = DesiredStateLoader.load(Self.files(texts), commit: nil, cache: &cache)
        texts["templates/basic@v1.yaml"] = SampleRepository.template + "# edited\n"
        _ = DesiredStateLoader.load(Self.files(texts), commit: nil, cache: &cache)
        #expect(cache.statistics.parsedFiles == ["templates/basic@v1.yaml"])
        #expect(cache.statistics.renderedProjects == ["p0", "p1", "p2"])
    }

    @Test("files without a content id are always parsed and never cached")
    func noContentID() {
        let files = SampleRepository.files(projects: 1, vmsPerProject: 1).map {
            RepositoryFile(path: $0.key, text: $0.value ?? "")
        }
        var cache = DesiredStateCache()
        _ = DesiredStateLoader.load(files, commit: nil, cache: &cache)
        _ = DesiredStateLoader.load(files, commit: nil, cache: &cache)
        #expect(cache.statistics.parsedFiles.count == 3)
        #expect(cache.count == 0)
    }
}
