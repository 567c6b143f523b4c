import HeatSyncCore

/// What the planner must report for a generated repository and snapshot. Anything else
/// means the benchmark measured the wrong thing.
struct ExpectedCounts: Codable, Equatable {
    var create = 0
    var update = 0
    var replace = 0
    var delete = 0
    var adopt = 0
    var start = 0
    var stop = 0
    var orphan = 0
    var conflict = 0
    var refused = 0
    var noop = 0

    init() {}

    init(_ summary: PlanSummary) {
        create = summary.create
        update = summary.update
        replace = summary.replace
        delete = summary.delete
        adopt = summary.adopt
        start = summary.start
        stop = summary.stop
        orphan = summary.orphan
        conflict = summary.conflict
        refused = summary.refused
        noop = summary.noop
    }

    var total: Int { create + update + replace + delete + adopt + start + stop + orphan + conflict + refused + noop }

    var compact: String {
        "create \(create), update \(update), noop \(noop), orphan \(orphan), delete \(delete), replace \(replace), "
            + "adopt \(adopt), start \(start), stop \(stop), conflict \(conflict), refused \(refused)"
    }
}

/// A stack list matching a loaded ``DesiredState``: ~90% of the VMs up to date, ~5% with a
/// stale spec hash (updates), ~5% without a stack (creates), plus stacks the plan must
/// handle without a manifest: orphans of an unknown project, stacks of another owner,
/// deleted stacks and non-heatsync stacks (the last three are ignored by the planner).
struct SyntheticObserved {
    static let owner = "bench"

    var stacks: [ObservedStack]
    var expected: ExpectedCounts

    init(desired: DesiredState) {
        var stacks: [ObservedStack] = []
        var expected = ExpectedCounts()
        var index = 0
        for project in desired.projects.keys.sorted() {
            for vm in desired.projects[project]!.vms {
                defer { index += 1 }
                if vm.manifest.spec.state == .absent {
                    expected.noop += 1  // a tombstone whose stack is already gone
                    continue
                }
                switch index % 20 {
                case 7:
                    expected.create += 1  // no stack yet
                case 13:
                    expected.update += 1
                    var tags = vm.tags(owner: Self.owner)
                    tags.specHash = String(vm.rendered.specHash.reversed())
                    var parameters = vm.rendered.parameters
                    parameters["image"] = "ubuntu-20.04"
                    stacks.append(Self.stack(for: vm, index: index, tags: tags, parameters: parameters))
                default:
                    expected.noop += 1
                    stacks.append(
                        Self.stack(
                            for: vm,
                            index: index,
                            tags: vm.tags(owner: Self.owner),
                            parameters: vm.rendered.parameters
                        )
                    )
                }
            }
        }

        // Orphans: stacks tagged by this owner for a project that is no longer in the
        // repository. With pruneOrphans off they plan as `orphan`.
        let orphans = max(3, index / 500)
        for i in 0..<orphans {
            let id = Self.uuid(0x0FF0_0000 + i)
            stacks.append(
                ObservedStack(
                    name: "vm-\(id)",
                    id: Self.uuid(0x0A00_0000 + i),
                    status: "CREATE_COMPLETE",
                    tags: StackTags(
                        owner: Self.owner,
                        project: "retired",
                        name: "old-\(i)",
                        specHash: String(repeating: "ab", count: 16),
                        template: "ubuntu-basic@v1"
                    ).tags,
                    outputs: Self.outputs(i),
                    power: .on
                )
            )
        }
        expected.orphan = orphans

        // Ignored by the planner: another installation's stacks, deleted stacks, other stacks.
        for i in 0..<max(3, index / 1000) {
            stacks.append(
                ObservedStack(
                    name: "vm-\(Self.uuid(0x0E00_0000 + i))",
                    id: Self.uuid(0x0B00_0000 + i),
                    status: "CREATE_COMPLETE",
                    tags: StackTags(
                        owner: "someone-else",
                        project: "theirs",
                        name: "vm-\(i)",
                        specHash: String(repeating: "cd", count: 16),
                        template: "ubuntu-basic@v1"
                    ).tags
                )
            )
            stacks.append(
                ObservedStack(
                    name: "vm-\(Self.uuid(0x0D00_0000 + i))",
                    id: Self.uuid(0x0C00_0000 + i),
                    status: "DELETE_COMPLETE",
                    tags: StackTags(
                        owner: Self.owner,
                        project: "retired",
                        name: "gone-\(i)",
                        specHash: nil,
                        template: nil
                    ).tags
                )
            )
            stacks.append(
                ObservedStack(name: "k8s-node-\(i)", id: Self.uuid(0x0900_0000 + i), status: "UPDATE_COMPLETE")
            )
        }

        // Heat lists stacks in creation order, not by name.
        var random = SeededGenerator(seed: 42)
        stacks.shuffle(using: &random)
        self.stacks = stacks
        self.expected = expected
    }

    static func stack(for vm: DesiredVM, index: Int, tags: StackTags, parameters: [String: String]) -> ObservedStack {
        ObservedStack(
            name: vm.stackName,
            id: uuid(index),
            status: index % 3 == 0 ? "UPDATE_COMPLETE" : "CREATE_COMPLETE",
            tags: tags.tags,
            outputs: outputs(index),
            parameters: parameters,
            power: vm.manifest.spec.power
        )
    }

    static func outputs(_ index: Int) -> [String: String] {
        [
            "server_id": uuid(0x5E00_0000 + index),
            "private_ip": "10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256)",
            "public_ip": "",
        ]
    }

    /// A UUID-shaped id derived from a number (Heat's stack ids are UUIDs).
    static func uuid(_ value: Int) -> String {
        let hex = String(UInt64(value) &* 0x9E37_79B9_7F4A_7C15, radix: 16)
        let padded = String(repeating: "0", count: max(0, 32 - hex.count)) + hex
        let c = Array(padded.suffix(32))
        return
            "\(String(c[0..<8]))-\(String(c[8..<12]))-\(String(c[12..<16]))-\(String(c[16..<20]))-\(String(c[20..<32]))"
    }
}
