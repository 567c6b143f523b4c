import Foundation

/// A throwaway PKI and a local HTTPS server for TLS tests: a CA, a server certificate for
/// 127.0.0.1 and a client certificate made by `openssl` in a temporary directory, served by a
/// small Python `ssl` server that reports the client certificate it saw. Loopback only.
final class TLSFixture: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let server: Process

    /// Whether `openssl` and `python3` are on PATH (the TLS tests are skipped otherwise).
    static var toolsAvailable: Bool { executable("openssl") != nil && executable("python3") != nil }

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    var url: String { "https://127.0.0.1:\(port)/" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("heatsync-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let dir = directory.path
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: directory.appendingPathComponent("san.cnf"))
        let script = """
            set -e
            cd '\(dir)'
            for ca in ca other-ca; do
              openssl req -x509 \(ec) -keyout $ca.key -out $ca.pem -days 1 -subj "/CN=heatsync-test-$ca" 2>/dev/null
            done
            openssl req \(ec) -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
            openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 1 \
              -extfile san.cnf 2>/dev/null
            openssl req \(ec) -keyout client.key -out client.csr -subj "/CN=heatsync-client" 2>/dev/null
            openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 1 2>/dev/null
            """
        try Self.run("/bin/sh", ["-c", script])
        try Data(Self.serverScript.utf8).write(to: directory.appendingPathComponent("server.py"))

        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.executable("python3") ?? "/usr/bin/python3")
        server.arguments = ["server.py", "server.pem", "server.key", "ca.pem"].map { "\(dir)/\($0)" }
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        self.server = server
        // The server prints its port once it listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            server.terminate()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    /// Stops the server and removes the keys.
    func stop() {
        // SIGKILL: the test runner's threads block SIGTERM, and the child inherits that mask.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
    }

    /// Answers every GET with `{"client": <CN of the client certificate, or "none">}`.
    private static let serverScript = """
        import http.server, json, ssl, sys

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                cert = self.connection.getpeercert()
                name = "none"
                if cert:
                    name = dict(item[0] for item in cert["subject"]).get("commonName", "?")
                body = json.dumps({"client": name}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        context.load_verify_locations(sys.argv[3])
        context.verify_mode = ssl.CERT_OPTIONAL
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
}
