import Foundation

/// Everything the simulated cloud holds. One actor, so every request is handled atomically;
/// each service adds its handlers in an extension (`SimulatorState+Heat.swift`, …).
actor SimulatorState {
    let configuration: SimulatorConfiguration
    /// `http://host:port`, known once the server listens.
    var baseURL = ""
    var keystone: KeystoneState
    var heat = HeatState()
    var compute = ComputeState()
    var network = NetworkState()
    var images = ImageState()
    var faults: FaultState
    var requestLog: [RequestRecord] = []
    var random: SeededRandom
    /// Set when `configuration.stateFile` is: where changes are saved.
    let snapshotWriter: SnapshotWriter?
    /// Counts changes, so a save never overwrites a newer one.
    var changeGeneration = 0
    var saveScheduled = false

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        snapshotWriter = configuration.stateFile.map(SnapshotWriter.init(path:))
        keystone = KeystoneState(users: configuration.users)
        faults = FaultState(seed: configuration.seed)
        random = SeededRandom(seed: configuration.seed)
    }

    func setBaseURL(_ url: String) { baseURL = url }

    /// Logs a request; past `configuration.requestLogLimit` the oldest tenth is dropped, so a
    /// long load test does not grow the simulator without bound.
    func record(_ record: RequestRecord) {
        requestLog.append(record)
        let limit = configuration.requestLogLimit
        if limit > 0, requestLog.count > limit {
            requestLog.removeFirst(max(requestLog.count - limit, limit / 10))
        }
    }

    /// The current time; tokens and stack lifecycles are computed from it when read.
    var now: Date { Date() }

    /// A fresh 32-hex id (Keystone style) or UUID (Heat, Nova, Neutron style), from the seed.
    func hexID() -> String { random.hex(count: 32) }

    func uuid() -> String {
        let hex = random.hex(count: 32)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex.dropFirst(range.lowerBound).prefix(range.count))
        }
        return parts.joined(separator: "-")
    }
}

/// SplitMix64: small, fast and reproducible from a seed.
struct SeededRandom: Sendable, Codable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func hex(count: Int) -> String {
        var out = ""
        while out.count < count {
            let hex = String(next(), radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex
        }
        return String(out.prefix(count))
    }
}
