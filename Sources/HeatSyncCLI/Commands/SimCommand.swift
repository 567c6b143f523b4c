import ArgumentParser
import Dispatch
import Foundation
import OpenStackSimulator

struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Serve the built-in OpenStack simulator (Keystone, Heat, Nova, Glance, Neutron) on loopback.",
        discussion: """
            For trying heatsync without a cloud, and for tests. Prints the URL and a clouds.yaml \
            with two clouds: 'sim' (application credential of user demo) and 'sim-admin' (--cloud-name renames them). Runs \
            until interrupted.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8899

    @Option(name: .customLong("clouds-yaml"), help: ArgumentHelp("Also write the clouds.yaml here.", valueName: "file"))
    var cloudsYAML: String?

    @Option(help: "Name of the application-credential cloud in the printed clouds.yaml.")
    var cloudName = "sim"

    @Option(help: "Seconds a stack create stays CREATE_IN_PROGRESS.")
    var createSeconds = 0.5

    @Option(help: "Token lifetime in seconds.")
    var tokenLifetime = 3600

    @Option(help: "Stacks per project before creates are refused (Heat's max_stacks_per_tenant).")
    var maxStacks = 512

    @Option(
        name: .customLong("state"),
        help: ArgumentHelp(
            "Keep the cloud's stacks, servers and key pairs in this JSON file: loaded at start, saved shortly "
                + "after every change (atomically), so the simulator survives restarts. Tokens are not kept.",
            valueName: "file"
        )
    )
    var stateFile: String?

    func run() async throws {
        let simulator = try await OpenStackSimulator.start(
            SimulatorConfiguration(
                host: host,
                port: port,
                tokenLifetime: .seconds(tokenLifetime),
                createDuration: .milliseconds(Int(createSeconds * 1000)),
                maxStacksPerProject: maxStacks,
                stateFile: stateFile
            )
        )
        let clouds = Self.cloudsYAML(authURL: simulator.authURL, cloudName: cloudName)
        if let cloudsYAML {
            try clouds.write(toFile: cloudsYAML, atomically: true, encoding: .utf8)
        }
        let banner = "OpenStack simulator listening on \(simulator.baseURL) (port \(simulator.port))\n"
        FileHandle.standardOutput.write(Data((banner + "# clouds.yaml\n" + clouds).utf8))
        // Ctrl-C and SIGTERM stop the server cleanly, so the state file gets the last changes.
        let stops = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { Task { await simulator.stop() } }
            source.resume()
            return source
        }
        defer { for stop in stops { stop.cancel() } }
        do {
            try await simulator.wait()
        } catch is CancellationError {
            // Stopped by a signal.
        }
    }

    /// The simulator's fixed loopback credentials (not secrets: they exist only in the simulator).
    static func cloudsYAML(authURL: String, cloudName: String = "sim") -> String {
        let demo = SimulatedUser.defaults[1]
        let admin = SimulatedUser.defaults[0]
        return """
            clouds:
              \(cloudName):
                auth_type: v3applicationcredential
                auth:
                  auth_url: \(authURL)
                  application_credential_id: \(demo.applicationCredentialID ?? "")
                  application_credential_secret: \(demo.applicationCredentialSecret ?? "")
                region_name: RegionOne
                interface: public
                identity_api_version: 3
              \(cloudName)-admin:
                auth_type: password
                auth:
                  auth_url: \(authURL)
                  username: \(admin.name)
                  password: \(admin.password)
                  project_name: \(admin.project)
                  user_domain_name: Default
                  project_domain_name: Default
                region_name: RegionOne
                interface: public
                identity_api_version: 3

            """
    }
}
