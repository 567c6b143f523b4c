import Foundation

/// How a simulated cloud behaves. Every duration is wall-clock time; tests use short ones.
public struct SimulatorConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    public var region: String
    /// How long a token lives after it is issued.
    public var tokenLifetime: Duration
    /// How long stack operations stay `*_IN_PROGRESS`.
    public var createDuration: Duration
    public var updateDuration: Duration
    public var deleteDuration: Duration
    /// How long one minute of a stack's `timeout_mins` lasts (tests shrink it).
    public var timeoutMinute: Duration
    /// Heat's `max_stacks_per_tenant` (real Heat's default is 512; -1 means unlimited).
    public var maxStacksPerProject: Int
    /// Seed for everything random (ids, IPs, injected error rates), so runs repeat.
    public var seed: UInt64
    public var users: [SimulatedUser]
    /// Whether Keystone lets Heat create trusts for application-credential tokens. Keystone
    /// ≥ 2026.1 refuses by default, and Heat then answers every stack create made with such a
    /// token with a bare 403 (NOTES §0); false reproduces that.
    public var applicationCredentialTrusts: Bool
    /// How many requests `requests()` keeps (the newest); 0 keeps all.
    public var requestLogLimit: Int
    /// A JSON file the cloud's state is loaded from at start and saved to after changes
    /// (stacks, servers, key pairs; not tokens or faults); nil keeps everything in memory.
    public var stateFile: String?
    /// How long after a change the state file is written, so bursts cost one write.
    public var stateDebounce: Duration

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        region: String = "RegionOne",
        tokenLifetime: Duration = .seconds(3600),
        createDuration: Duration = .milliseconds(500),
        updateDuration: Duration = .milliseconds(300),
        deleteDuration: Duration = .milliseconds(300),
        maxStacksPerProject: Int = 512,
        timeoutMinute: Duration = .seconds(60),
        seed: UInt64 = 42,
        users: [SimulatedUser] = SimulatedUser.defaults,
        applicationCredentialTrusts: Bool = true,
        requestLogLimit: Int = 100_000,
        stateFile: String? = nil,
        stateDebounce: Duration = .milliseconds(200)
    ) {
        self.host = host
        self.port = port
        self.region = region
        self.tokenLifetime = tokenLifetime
        self.createDuration = createDuration
        self.updateDuration = updateDuration
        self.deleteDuration = deleteDuration
        self.maxStacksPerProject = maxStacksPerProject
        self.timeoutMinute = timeoutMinute
        self.seed = seed
        self.users = users
        self.applicationCredentialTrusts = applicationCredentialTrusts
        self.requestLogLimit = requestLogLimit
        self.stateFile = stateFile
        self.stateDebounce = stateDebounce
    }
}

/// A user of the simulated Keystone, member of one project, with an optional application
/// credential. Loopback-only test secrets.
public struct SimulatedUser: Sendable, Hashable {
    public var name: String
    public var password: String
    public var project: String
    public var roles: [String]
    public var applicationCredentialID: String?
    public var applicationCredentialName: String?
    public var applicationCredentialSecret: String?

    public init(
        name: String,
        password: String,
        project: String,
        roles: [String] = ["member", "reader"],
        applicationCredentialID: String? = nil,
        applicationCredentialName: String? = nil,
        applicationCredentialSecret: String? = nil
    ) {
        self.name = name
        self.password = password
        self.project = project
        self.roles = roles
        self.applicationCredentialID = applicationCredentialID
        self.applicationCredentialName = applicationCredentialName
        self.applicationCredentialSecret = applicationCredentialSecret
    }

    /// `admin` (project admin) and `demo` (project demo, with application credential `heatsync`).
    public static let defaults: [SimulatedUser] = [
        SimulatedUser(name: "admin", password: "sim-admin", project: "admin", roles: ["admin", "member", "reader"]),
        SimulatedUser(
            name: "demo",
            password: "sim-demo",
            project: "demo",
            applicationCredentialID: "5e1f0c7a2b9d4e8f8a6b3c2d1e0f9a8b",
            applicationCredentialName: "heatsync",
            applicationCredentialSecret: "sim-appcred-secret"
        ),
    ]
}
