import Foundation
import HeatSyncOpenStack
import Testing

/// clouds.yaml's `cacert`, `cert`/`key` and `verify` reach libcurl: against a local HTTPS
/// server with a CA made at test time.
@Suite struct TLSTests {
    static let skipReason: Comment = "needs openssl and python3 on PATH to make a CA and serve TLS"

    static func get(_ fixture: TLSFixture, _ tls: TLSOptions) async throws -> String {
        let reply = try await CurlTransport(tls: tls).send(HTTPRequest(method: "GET", url: fixture.url))
        let body = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: String]
        return body?["client"] ?? "?"
    }

    @Test(
        "cacert verifies the server; client cert and key are presented (mutual TLS)",
        .enabled(if: TLSFixture.toolsAvailable, skipReason)
    )
    func trustedAndMutual() async throws {
        let fixture = try TLSFixture()
        defer { fixture.stop() }
        #expect(try await Self.get(fixture, TLSOptions(caFile: fixture.path("ca.pem"))) == "none")
        let mutual = TLSOptions(
            caFile: fixture.path("ca.pem"),
            certFile: fixture.path("client.pem"),
            keyFile: fixture.path("client.key")
        )
        #expect(try await Self.get(fixture, mutual) == "heatsync-client")
    }

    @Test(
        "an unknown CA fails with a clear TLS error; verify: false connects anyway",
        .enabled(if: TLSFixture.toolsAvailable, skipReason)
    )
    func unknownCA() async throws {
        let fixture = try TLSFixture()
        defer { fixture.stop() }
        for (tls, hint) in [
            (TLSOptions(), "set 'cacert' in clouds.yaml"),
            (TLSOptions(caFile: fixture.path("other-ca.pem")), "does not verify against the configured 'cacert'"),
        ] {
            do {
                _ = try await Self.get(fixture, tls)
                Issue.record("expected a TLS error")
            } catch let error as OpenStackError {
                #expect(error.isTLS)
                #expect(error.kind == .transport)
                #expect(error.message.contains("TLS error: "))
                #expect(error.message.contains(hint), "\(error.message)")
            }
        }
        #expect(try await Self.get(fixture, TLSOptions(verify: false)) == "none")
    }
}
