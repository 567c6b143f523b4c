import Foundation
import HeatSyncCore
import HeatSyncTesting
import Testing

/// Every planner row and safety rule of DESIGN §3 as a fixture: `repo/`, `observed.json`,
/// optional `journal.json` and `options.json` in; the decision per VM (`expect.txt`) and the
/// rendered plan (`plan.txt`, `plan.json`, `plan.md`) out.
@Suite struct PlannerGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/plans")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }

    @Test("the fixture set covers every action and every refusal")
    func coverage() throws {
        var actions = Set<PlanAction>()
        var refusals = Set<Refusal.Code>()
        for name in Self.cases {
            let plan = try Self.plan(name)
            for change in plan.changes {
                actions.insert(change.action)
                if let refusal = change.refusal { refusals.insert(refusal.code) }
            }
        }
        #expect(actions == Set(PlanAction.allCases))
        #expect(refusals == Set(Refusal.Code.allCases))
    }

    @Test("planner decisions and rendered plans", arguments: cases)
    func fixture(_ name: String) throws {
        let directory = Self.root.appendingPathComponent(name)
        let plan = try Self.plan(name)

        let expectations = try String(contentsOf: directory.appendingPathComponent("expect.txt"), encoding: .utf8)
        for line in expectations.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ").map(String.init)
            let vm = parts[0]
            let wanted = parts[1].split(separator: "!").map(String.init)
            let change = plan.changes.first { $0.vm == vm }
            #expect(change != nil, "\(name): no change for \(vm)")
            guard let change else { continue }
            #expect(change.action.rawValue == wanted[0], "\(name): \(vm)")
            #expect(change.refusal?.code.rawValue == (wanted.count > 1 ? wanted[1] : nil), "\(name): \(vm)")
        }

        Golden.assertMatches(
            PlanTextRenderer.render(plan, showUnchanged: true),
            file: directory.appendingPathComponent("plan.txt")
        )
        Golden.assertMatches(
            String(decoding: plan.canonicalJSON(pretty: true), as: UTF8.self) + "\n",
            file: directory.appendingPathComponent("plan.json")
        )
        Golden.assertMatches(PlanMarkdownRenderer.render(plan), file: directory.appendingPathComponent("plan.md"))
    }

    static func plan(_ name: String) throws -> Plan {
        let directory = root.appendingPathComponent(name)
        let desired = DesiredStateLoader.load(try FixtureRepository.files(at: directory.appendingPathComponent("repo")))
        func json(_ file: String) throws -> Data? {
            let url = directory.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            let text = try String(contentsOf: url, encoding: .utf8)
            return Data(FixtureRepository.substitute(text, desired: desired).utf8)
        }
        let observed = try JSONDecoder().decode(
            [ObservedStack].self,
            from: try json("observed.json") ?? Data("[]".utf8)
        )
        let journal = try json("journal.json").map {
            JournalSnapshot(entries: try JSONDecoder().decode([JournalEntry].self, from: $0))
        }
        let options =
            try json("options.json").map { try JSONDecoder().decode(PlanOptions.self, from: $0) } ?? PlanOptions()
        return Planner.plan(desired: desired, observed: observed, journal: journal, options: options)
    }
}
