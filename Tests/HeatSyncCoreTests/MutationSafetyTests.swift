import Foundation
import HeatSyncCore
import HeatSyncTesting
import Testing

/// Random damage to a valid repository — flipped bytes, truncations, YAML punctuation
/// dropped in — must never crash the loader, and a project left with errors must never get
/// an executable delete. Deterministic (fixed seed) and bounded.
@Suite struct MutationSafetyTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let punctuation = Array(":-[]{}&*!|>'\"%@`#,?\n\t ".utf8) + [0xff, 0xc3, 0x00]

    static func mutate(_ bytes: [UInt8], using random: inout Generator) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return bytes }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: bytes[index] ^= UInt8.random(in: 1...255, using: &random)
            case 1: bytes = Array(bytes.prefix(index))
            case 2: bytes.insert(punctuation.randomElement(using: &random)!, at: index)
            case 3: bytes.remove(at: index)
            default:
                let end = min(bytes.count, index + Int.random(in: 1...40, using: &random))
                bytes.replaceSubrange(index..<end, with: [])
            }
            if bytes.isEmpty { break }
        }
        return bytes
    }

    @Test("damaged repositories never crash and never delete in a project with errors")
    func damage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples")
        let files = try FixtureRepository.files(at: root).filter {
            $0.path.hasPrefix("projects/") || $0.path.hasPrefix("templates/")
        }
        let pristine = DesiredStateLoader.load(files)
        // Every valid VM has a live stack of ours, plus one removed VM per project: a plan that
        // ignored errors would delete.
        var observed: [ObservedStack] = []
        for project in pristine.projects.values {
            for vm in project.vms {
                observed.append(Self.stack(vm.id, project: project.name, name: vm.name))
            }
            observed.append(Self.stack(VMID(project: project.name, name: "gone"), project: project.name, name: "gone"))
        }
        var random = Generator(state: 20_261_125)
        var damagedProjects = 0
        for _ in 0..<400 {
            var damaged = files
            let target = Int.random(in: 0..<damaged.count, using: &random)
            damaged[target].bytes = Self.mutate(damaged[target].bytes, using: &random)
            let desired = DesiredStateLoader.load(damaged)
            let plan = Planner.plan(desired: desired, observed: observed, options: PlanOptions(owner: "o"))
            for project in plan.projects where project.hasErrors {
                damagedProjects += 1
                let deletes = project.changes.filter { $0.action == .delete && $0.isExecutable }
                #expect(deletes.isEmpty, "\(damaged[target].path): \(deletes.map(\.displayName))")
            }
        }
        #expect(damagedProjects > 100, "the mutations should break projects often enough to test something")
    }

    static func stack(_ id: VMID, project: String, name: String) -> ObservedStack {
        ObservedStack(
            name: id.stackName,
            id: "id-\(name)",
            status: "CREATE_COMPLETE",
            tags: StackTags(owner: "o", project: project, name: name, specHash: "x", template: "t@v1").tags
        )
    }
}
