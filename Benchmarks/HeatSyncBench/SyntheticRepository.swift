import Foundation
import HeatSyncCore

/// A deterministic pseudo-random generator (SplitMix64), so every run of the benchmark
/// generates byte-identical repositories and results stay comparable across commits.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }
}

/// An in-memory heatsync repository of `vmCount` VirtualMachine documents, spread over
/// projects of at most 100 VMs, with the repository's real templates.
struct SyntheticRepository {
    static let maxVMsPerProject = 100
    static let seed: UInt64 = 0x6865_6174_7379_6E63  // "heatsync"

    var files: [RepositoryFile]
    var vmCount: Int
    var projectCount: Int
    /// VMs written with `state: absent` (tombstones); they plan as no-ops when no stack exists.
    var tombstoneCount: Int
    /// Total bytes of all files, templates included.
    var byteCount: Int { files.reduce(0) { $0 + $1.bytes.count } }

    /// Reads the templates from `templates/` (the benchmark runs from the repository root).
    static func loadTemplates(directory: String = "templates") throws -> [RepositoryFile] {
        let required = ["ubuntu-basic@v1.yaml", "gpu-ubuntu@v1.yaml"]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in required where !names.contains(name) {
            throw BenchError(
                "missing \(directory)/\(name); run heatsync-bench from the repository root (scripts/bench does)"
            )
        }
        return try names.filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            return RepositoryFile(path: "templates/\(name)", bytes: Array(try Data(contentsOf: url)))
        }
    }

    init(vmCount: Int, templates: [RepositoryFile]) {
        var random = SeededGenerator(seed: Self.seed)
        var files = templates
        files.append(RepositoryFile(path: "README.md", text: "# Synthetic heatsync repository (heatsync-bench)\n"))
        var remaining = vmCount
        var projectIndex = 0
        var tombstones = 0
        while remaining > 0 {
            // Project sizes vary between 40 and 100 VMs, like real teams.
            let size = min(remaining, Int.random(in: 40...Self.maxVMsPerProject, using: &random))
            let project = String(format: "team-%04d", projectIndex)
            files.append(
                RepositoryFile(path: "projects/\(project)/project.yaml", text: Self.projectYAML(project, &random))
            )
            var vm = 0
            var fileIndex = 0
            while vm < size {
                // About a third of the files hold 2–4 documents (a service's VMs together).
                let documents = random.chance(33) ? min(size - vm, Int.random(in: 2...4, using: &random)) : 1
                let role = random.pick(Self.roles)
                let folder = random.chance(20) ? "vms/\(role)/" : "vms/"
                var text = "# yaml-language-server: $schema=../../../../schemas/virtualmachine.schema.json\n"
                for document in 0..<documents {
                    if document > 0 { text += "---\n" }
                    let absent = random.chance(1)
                    if absent { tombstones += 1 }
                    text += Self.vmYAML(name: "\(role)-\(vm + 1)", role: role, absent: absent, &random)
                    vm += 1
                }
                files.append(RepositoryFile(path: "projects/\(project)/\(folder)\(role)-\(fileIndex).yaml", text: text))
                fileIndex += 1
            }
            remaining -= size
            projectIndex += 1
        }
        self.files = files
        self.vmCount = vmCount
        self.projectCount = projectIndex
        self.tombstoneCount = tombstones
    }

    static let roles = ["web", "api", "db", "cache", "worker", "batch", "proxy", "search", "queue", "ci"]
    static let images = ["ubuntu-22.04", "ubuntu-24.04", "debian-12", "rocky-9"]
    static let flavors = ["m1.small", "m1.medium", "m1.large", "m1.xlarge"]

    static func projectYAML(_ name: String, _ random: inout SeededGenerator) -> String {
        """
        # yaml-language-server: $schema=../../../schemas/project.schema.json
        apiVersion: heatsync/v1
        kind: Project
        metadata:
          name: \(name)
          labels:
            cost-center: cc-\(Int.random(in: 100...999, using: &random))
          annotations:
            owner: \(name)@example.com
        spec:
          cloud: devcloud
          region: RegionOne
          quotas: {vms: 200, vcpus: 800, ramMB: 1638400, gpus: 16, floatingIPs: 50}
          networkProfiles:
            default:
              network: \(name)-private
              subnet: \(name)-private-subnet
              floatingNetwork: public
            dmz:
              network: dmz
              subnet: dmz-subnet
              floatingNetwork: public
          safety:
            prune: true
            maxDeletesPerApply: 5
            maxDeletePercent: 25
          prices:
            m1.small: {hourly: 0.02}
            m1.medium: {hourly: 0.04}
            m1.large: {hourly: 0.08}
            g1.large: {hourly: 1.20}

        """
    }

    static func vmYAML(name: String, role: String, absent: Bool, _ random: inout SeededGenerator) -> String {
        let gpu = random.chance(2)
        var text = """
            apiVersion: heatsync/v1
            kind: VirtualMachine
            metadata:
              name: \(name)
              labels:
                team: \(role)
                tier: \(random.pick(["frontend", "backend", "data"]))
                env: \(random.pick(["prod", "staging", "dev"]))

            """
        if random.chance(3) {
            text += "  annotations:\n    heatsync/deletion-protection: \"true\"\n"
        }
        text += """
            spec:
              template: \(gpu ? "gpu-ubuntu@v1" : "ubuntu-basic@v1")
              image: \(random.pick(images))
              flavor: \(gpu ? "g1.large" : random.pick(flavors))
              keyPair: ops

            """
        if gpu { text += "  gpus: \(Int.random(in: 1...2, using: &random))\n" }
        if random.chance(15) { text += "  networkProfile: dmz\n" }
        if random.chance(60) {
            let groups = ["\(role)"] + (random.chance(30) ? ["monitoring"] : [])
            text += "  securityGroups: [\(groups.joined(separator: ", "))]\n"
        }
        if random.chance(20) { text += "  publicIP: true\n" }
        if random.chance(3) { text += "  power: off\n" }
        if random.chance(40) {
            text += """
                  userData: |
                    #cloud-config
                    package_update: true
                    packages:
                      - \(random.pick(["nginx", "postgresql", "redis", "python3", "openjdk-17-jre"]))
                      - rsync
                    runcmd:
                      - [systemctl, enable, --now, \(role)]

                """
        }
        if absent { text += "  state: absent\n" }
        return text
    }
}

/// A failure that ends the benchmark with a message and a non-zero exit.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
