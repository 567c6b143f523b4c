import Foundation

/// Hooks for the simulator's own tests (`@testable import`).
extension SimulatorState {
    func injectStackFault(_ fault: StackFault) { faults.pendingStackFaults.append(fault) }

    func allServers() -> [SimServer] {
        settleStacks()
        return compute.servers.values.sorted { $0.id < $1.id }
    }
}
