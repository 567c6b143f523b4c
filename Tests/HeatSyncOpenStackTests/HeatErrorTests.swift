import Foundation
import HeatSyncOpenStack
import OpenStackSimulator
import Testing

/// What each Heat failure becomes for heatsync, against the simulator over loopback.
@Suite struct HeatErrorTests {
    static func client(
        _ cloud: OpenStackSimulator,
        retry: RetryPolicy = .none,
        budget: RetryBudget = RetryBudget()
    )
        -> HeatClient
    {
        let session = KeystoneSession(
            cloud: KeystoneSessionTests.demo(cloud),
            transport: CurlTransport(),
            retryBudget: budget
        )
        return HeatClient(session: session, readRetry: retry)
    }

    @Test(
        "injected statuses map to kinds; the error keeps method, path and Heat's request id",
        arguments: [
            (400, OpenStackError.Kind.badRequest), (401, .unauthorized), (403, .forbidden), (404, .notFound),
            (409, .conflict), (413, .rateLimited), (429, .rateLimited), (500, .unavailable), (502, .unavailable),
            (503, .unavailable),
        ]
    )
    func injected(status: Int, kind: OpenStackError.Kind) async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        let heat = Self.client(cloud)
        _ = try await heat.session.projectID()
        await cloud.inject(
            SimulatorFault.errors(status: status, service: "orchestration").times(status == 401 ? 2 : 1)
        )
        do {
            _ = try await heat.listStacks(tags: ["heatsync"])
            Issue.record("expected \(status)")
        } catch let error as OpenStackError {
            #expect(error.kind == kind)
            #expect(error.status == status)
            #expect(error.method == "GET")
            #expect(error.path?.hasSuffix("/stacks") == true)
            #expect(error.requestID?.hasPrefix("req-") == true)
            #expect(error.isRetryable == (status >= 500 || status == 429))
        }
    }

    @Test("Heat's own refusals: missing stack is nil, duplicate is a conflict, a bad parameter a bad request")
    func heatRefusals() async throws {
        let (cloud, heat) = try await HeatClientTests.start()
        defer { Task { await cloud.stop() } }
        #expect(try await heat.findStack(name: "vm-none") == nil)
        _ = try await heat.createStack(name: "vm-a", templateJSON: HeatClientTests.template, parameters: [:], tags: [])
        await #expect(throws: OpenStackError.self) {
            _ = try await heat.createStack(
                name: "vm-a",
                templateJSON: HeatClientTests.template,
                parameters: [:],
                tags: []
            )
        }
        do {
            _ = try await heat.createStack(
                name: "vm-b",
                templateJSON: HeatClientTests.template,
                parameters: ["nope": "x"],
                tags: []
            )
            Issue.record("expected a 400")
        } catch let error as OpenStackError {
            #expect(error.kind == .badRequest)
            #expect(error.message.contains("The Parameter (nope) was not defined in template."))
        }
        do {
            _ = try await heat.events(name: "vm-a", id: "00000000-0000-0000-0000-000000000000")
            Issue.record("expected a 404")
        } catch let error as OpenStackError {
            #expect(error.kind == .notFound)
        }
    }

    @Test("with trusts forbidden, an application credential's create is a 403 that says what to change")
    func applicationCredentialHint() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(applicationCredentialTrusts: false))
        defer { Task { await cloud.stop() } }
        let appCredential = CloudConfig(
            name: "sim",
            authURL: cloud.authURL,
            credentials: .applicationCredential(
                id: "5e1f0c7a2b9d4e8f8a6b3c2d1e0f9a8b",
                name: nil,
                username: nil,
                userDomain: "Default",
                secret: "sim-appcred-secret"
            )
        )
        let heat = HeatClient(session: KeystoneSession(cloud: appCredential, transport: CurlTransport()))
        #expect(try await heat.listStacks(tags: []).isEmpty, "reads work with the same credential")
        do {
            _ = try await heat.createStack(
                name: "vm-a",
                templateJSON: HeatClientTests.template,
                parameters: [:],
                tags: []
            )
            Issue.record("expected a 403")
        } catch let error as OpenStackError {
            #expect(error.kind == .forbidden)
            #expect(error.message.contains("application credential"))
            #expect(error.message.contains("allow_insecure_application_credential_trust_escalation"))
            #expect(!error.description.contains("sim-appcred-secret"))
        }
        let posts = await cloud.requests().filter { $0.method == "POST" && $0.service == "orchestration" }
        #expect(posts.count == 1, "a create is never retried")
    }

    @Test("a request slower than its timeout is a timeout error; a closed port a transport error")
    func timeoutAndTransport() async throws {
        let cloud = try await OpenStackSimulator.start()
        defer { Task { await cloud.stop() } }
        await cloud.inject(.latency(.seconds(2)))
        do {
            _ = try await CurlTransport().send(
                HTTPRequest(method: "GET", url: cloud.baseURL + "/heat/", timeout: .milliseconds(300))
            )
            Issue.record("expected a timeout")
        } catch let error as OpenStackError {
            #expect(error.kind == .timeout)
            #expect(error.isRetryable)
        }
        do {
            _ = try await CurlTransport().send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/"))
            Issue.record("expected a transport error")
        } catch let error as OpenStackError {
            #expect(error.kind == .transport)
            #expect(!error.isTLS)
        }
    }
}
