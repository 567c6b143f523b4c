import Foundation
import HeatSyncCore
import HeatSyncEngine
import HeatSyncStore
import Testing

/// Resuming what a crash left open, as a table of values (STYLE 23): operation × stack → outcome.
@Suite struct RecoveryTests {
    static let vm = VMID(project: "shop", name: "web-1")

    static func operation(_ action: PlanAction, spec: String? = "new") -> OperationRecord {
        OperationRecord(
            id: "op-1",
            vmID: vm,
            project: "shop",
            vmName: "web-1",
            cloud: nil,
            action: action,
            specHash: spec,
            runID: "run-1",
            actor: "test",
            createdAt: Date(timeIntervalSince1970: 0)
        )
    }

    static func stack(_ status: String, spec: String = "new", owner: String = "default") -> ObservedStack {
        ObservedStack(
            name: vm.stackName,
            id: "stack-1",
            status: status,
            tags: ["heatsync", "heatsync-owner=\(owner)", "heatsync-spec=\(spec)"]
        )
    }

    @Test(
        "open operations settle from the stack they find",
        arguments: [
            (PlanAction.create, nil, false, OperationStatus.abandoned),
            (.create, stack("CREATE_COMPLETE"), true, .succeeded),
            (.create, stack("CREATE_FAILED"), true, .failed),
            (.create, stack("CREATE_COMPLETE", owner: "other"), false, .abandoned),
            (.update, stack("UPDATE_COMPLETE", spec: "old"), true, .abandoned),
            (.update, stack("UPDATE_COMPLETE"), true, .succeeded),
            (.adopt, stack("UPDATE_COMPLETE", spec: "old"), true, .succeeded),
            (.delete, nil, false, .succeeded),
            (.delete, stack("CREATE_COMPLETE"), true, .abandoned),
            (.stop, stack("CREATE_COMPLETE"), true, .abandoned),
        ] as [(PlanAction, ObservedStack?, Bool, OperationStatus)]
    )
    func outcomes(action: PlanAction, stack: ObservedStack?, ours: Bool, expected: OperationStatus) {
        let (status, detail) = Recovery.outcome(Self.operation(action), stack: stack, ours: ours)
        #expect(status == expected, "\(detail)")
        #expect(!detail.isEmpty)
    }
}
