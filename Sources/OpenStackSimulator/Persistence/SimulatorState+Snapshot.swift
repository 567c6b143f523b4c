import Foundation

/// Persistence of the simulated cloud (`SimulatorConfiguration.stateFile`): loaded once at
/// start, saved after changes, debounced so a burst of requests costs one write.
extension SimulatorState {
    /// The state as it is now. Arrays are copied on write, so this is cheap and the encoding
    /// happens off the actor.
    func snapshot() -> SimulatorSnapshot {
        SimulatorSnapshot(
            version: SimulatorSnapshot.currentVersion,
            stacks: heat.stacks,
            servers: compute.servers.values.sorted { $0.id < $1.id },
            keypairs: compute.keypairs,
            nextPrivateHost: network.nextPrivateHost,
            nextFloatingHost: network.nextFloatingHost,
            random: random
        )
    }

    /// Replaces the cloud's contents with a snapshot's.
    func restore(_ snapshot: SimulatorSnapshot) {
        heat = HeatState(stacks: snapshot.stacks)
        compute.servers = Dictionary(uniqueKeysWithValues: snapshot.servers.map { ($0.id, $0) })
        compute.keypairs = snapshot.keypairs
        network.nextPrivateHost = snapshot.nextPrivateHost
        network.nextFloatingHost = snapshot.nextFloatingHost
        random = snapshot.random
    }

    /// Notes that the state changed: schedules one save after the debounce interval.
    func stateChanged() {
        guard let writer = snapshotWriter else { return }
        changeGeneration += 1
        guard !saveScheduled else { return }
        saveScheduled = true
        let debounce = configuration.stateDebounce
        Task {
            try? await Task.sleep(for: debounce)
            try? await self.save(to: writer)
        }
    }

    /// Writes the current state now (also called when the simulator stops).
    func save(to writer: SnapshotWriter) async throws {
        saveScheduled = false
        let generation = changeGeneration
        try await writer.write(snapshot(), generation: generation)
    }

    /// Writes pending changes, if any, before the simulator stops.
    func flushState() async throws {
        guard let writer = snapshotWriter else { return }
        try await save(to: writer)
    }
}
