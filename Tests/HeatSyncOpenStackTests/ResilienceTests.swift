import Foundation
import Logging
import OpenStackSimulator
import Testing

@testable import HeatSyncOpenStack

@Suite struct ResilienceTests {
    @Test("the token bucket lets a burst through, then spaces requests at the rate")
    func tokenBucket() {
        var bucket = TokenBucket(rate: 10, burst: 2)
        let waits = [0.0, 0.0, 0.0, 0.0].map { bucket.reserve(at: $0) }
        #expect(waits.map { ($0 * 1000).rounded() } == [0, 0, 100, 200])
        // After a quiet second the burst is back, never more.
        #expect(bucket.reserve(at: 2.0) == 0)
        #expect(bucket.reserve(at: 2.0) == 0)
        #expect(bucket.reserve(at: 2.0) > 0)
    }

    @Test("endpoints are scheme, host and port")
    func endpoints() {
        #expect(RateLimitedTransport.endpoint(of: "http://127.0.0.1:8004/v1/p/stacks?x=1") == "http://127.0.0.1:8004")
    }

    @Test(
        "HTTP errors map to kinds callers can act on",
        arguments: [
            (400, OpenStackError.Kind.badRequest), (401, .unauthorized), (403, .forbidden), (404, .notFound),
            (409, .conflict), (429, .rateLimited), (503, .unavailable),
        ]
    )
    func kinds(status: Int, kind: OpenStackError.Kind) async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let session = KeystoneSession(cloud: KeystoneSessionTests.demo(cloud), transport: CurlTransport())
        _ = try await session.projectID()
        // One 401 is recovered by re-authenticating once; two in a row reach the caller.
        await cloud.inject(
            SimulatorFault.errors(status: status, rate: 1.0, service: "compute").times(status == 401 ? 2 : 1)
        )
        do {
            _ = try await NovaClient(session: session, readRetry: .none).keyPairs()
            Issue.record("expected an error for \(status)")
        } catch let error as OpenStackError {
            #expect(error.kind == kind)
            #expect(error.requestID?.hasPrefix("req-") == true)
        }
    }

    @Test("every call carries a correlation id; no secret reaches any log line, even at trace level")
    func logsAndCorrelation() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let sink = LogSink()
        var logger = Logger(label: "test") { _ in sink }
        logger.logLevel = .trace
        let session = KeystoneSession(
            cloud: KeystoneSessionTests.demo(cloud),
            transport: CurlTransport(),
            logger: logger
        )
        _ = try await NovaClient(session: session).keyPairs()
        _ = try await HeatClient(session: session).listStacks(tags: ["heatsync"])
        let wrong = KeystoneSession(
            cloud: KeystoneSessionTests.demo(cloud, password: "hunter2-pass"),
            transport: CurlTransport(),
            logger: logger
        )
        _ = try? await wrong.projectID()

        let lines = sink.lines
        let requests = lines.filter { $0.contains("openstack request ") && $0.contains("status=") }
        #expect(requests.count >= 3)
        #expect(requests.allSatisfy { $0.contains("correlation_id=req-") })
        let ids = requests.compactMap { line in
            line.range(of: "correlation_id=req-[0-9a-f-]+", options: .regularExpression).map { String(line[$0]) }
        }
        #expect(Set(ids).count == requests.count, "each call has its own correlation id")
        let secrets = ["sim-demo", "hunter2-pass"] + (await cloud.issuedTokens())
        for secret in secrets {
            #expect(!lines.contains { $0.contains(secret) }, "a log line holds a secret")
        }
        #expect(lines.contains { $0.contains("<redacted>") })
    }
}

/// Collects log lines (message and metadata) in memory.
final class LogSink: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var lines: [String] { lock.withLock { storage } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level,
        message: Logger.Message,
        metadata: Logger.Metadata?,
        source: String,
        file: String,
        function: String,
        line: UInt
    ) {
        let fields = (metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        lock.withLock { storage.append("\(level) \(message) \(fields)") }
    }
}
