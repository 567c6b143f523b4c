import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// An in-process fake of the OpenStack APIs heatsync uses (Keystone v3, Heat, Nova, Glance,
/// Neutron), served over HTTP on loopback, faithful to real OpenStack where heatsync relies
/// on it (shared/devcloud/NOTES.md), with faults injectable on demand.
///
/// ```swift
/// let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(port: 0))
/// print(cloud.baseURL)          // http://127.0.0.1:53127
/// try await cloud.stop()
/// ```
public final class OpenStackSimulator: Sendable {
    public let baseURL: String
    public let port: Int
    let state: SimulatorState
    private let task: Task<Void, any Error>

    private init(baseURL: String, port: Int, state: SimulatorState, task: Task<Void, any Error>) {
        self.baseURL = baseURL
        self.port = port
        self.state = state
        self.task = task
    }

    /// Starts serving and returns once the server listens.
    public static func start(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration()
    ) async throws
        -> OpenStackSimulator
    {
        let state = SimulatorState(configuration: configuration)
        if let path = configuration.stateFile, FileManager.default.fileExists(atPath: path) {
            do {
                await state.restore(try SimulatorSnapshot.decode(Data(contentsOf: URL(fileURLWithPath: path))))
            } catch {
                throw SimulatorError(description: "cannot load the simulator state from \(path): \(error)")
            }
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let responder = CallbackResponder<SimRequestContext> { request, context in
            try await Self.respond(to: request, state: state, channel: context.channel)
        }
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "openstack-simulator"
            ),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port)
                continuation.finish()
            },
            logger: Logger(label: "openstack-simulator", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        guard let port = await ports.first(where: { _ in true }) else {
            task.cancel()
            throw SimulatorError(
                description: "the simulator did not start on \(configuration.host):\(configuration.port)"
            )
        }
        let baseURL = "http://\(configuration.host):\(port)"
        await state.setBaseURL(baseURL)
        return OpenStackSimulator(baseURL: baseURL, port: port, state: state, task: task)
    }

    /// Stops serving and waits until the port is released.
    /// With a state file, pending changes are written first.
    public func stop() async {
        try? await state.flushState()
        task.cancel()
        _ = try? await task.value
    }

    /// Waits until the server stops (for `heatsync sim`).
    public func wait() async throws {
        try await task.value
    }

    /// Every request served so far, oldest first.
    public func requests() async -> [RequestRecord] { await state.requestLog }

    public func clearRequests() async { await state.clearRequestLog() }

    /// Keystone's URL, as clouds.yaml's `auth_url` wants it.
    public var authURL: String { baseURL + "/identity/v3" }

    private static func respond(
        to request: Request,
        state: SimulatorState,
        channel: any Channel
    ) async throws
        -> Response
    {
        let body = try await request.body.collect(upTo: 16 << 20)
        let components = URLComponents(string: request.uri.description)
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
        let simRequest = SimRequest(
            method: request.method.rawValue,
            path: components?.percentEncodedPath.removingPercentEncoding ?? request.uri.path,
            segments: [],
            query: query,
            headers: headers,
            body: Data(body.readableBytesView)
        )
        let (response, delay) = await state.dispatch(simRequest)
        if delay > .zero { try await Task.sleep(for: delay) }
        if response.isDropped {
            // An injected drop: close the connection with nothing sent, as a dying server would.
            try? await channel.close()
            throw SimulatorError(description: "connection dropped by an injected fault")
        }
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body))
        )
    }
}

/// The request context: Hummingbird's basics plus the channel, so a fault can drop it.
struct SimRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Why the simulator could not do what it was asked.
public struct SimulatorError: Error, CustomStringConvertible {
    public var description: String
}

extension SimulatorState {
    func clearRequestLog() { requestLog.removeAll() }
}

extension OpenStackSimulator {
    /// Every token issued so far (for tests that revoke tokens behind a client's back).
    public func issuedTokens() async -> [String] { await state.keystone.tokens.keys.sorted() }
}
