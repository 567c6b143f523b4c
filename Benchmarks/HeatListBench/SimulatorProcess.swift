import Foundation
import HeatSyncOpenStack

/// The simulator child process and its admin API (`/_sim/…`).
struct SimulatorProcess {
    let process: Process
    let baseURL: String

    static func start() throws -> SimulatorProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            process.executableURL = URL(fileURLWithPath: resolved)
        }
        process.arguments = ["--serve"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        let url = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard url.hasPrefix("http://") else {
            kill(process.processIdentifier, SIGKILL)
            throw BenchError("the simulator child did not start")
        }
        return SimulatorProcess(process: process, baseURL: url)
    }

    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func admin(_ transport: CurlTransport, _ method: String, _ path: String, _ body: [String: Any]?) async throws {
        let data = try body.map { Array(try JSONSerialization.data(withJSONObject: $0)) }
        let reply = try await transport.send(HTTPRequest(method: method, url: baseURL + path, body: data))
        guard reply.status < 300 else { throw BenchError("\(method) \(path) answered \(reply.status)") }
    }

    /// Requests Heat served since the log was last cleared.
    func requestCount(_ transport: CurlTransport) async throws -> Int {
        let reply = try await transport.send(HTTPRequest(method: "GET", url: baseURL + "/_sim/requests"))
        let body = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        let requests = body?["requests"] as? [[String: Any]] ?? []
        return requests.filter { $0["service"] as? String == "orchestration" }.count
    }
}
