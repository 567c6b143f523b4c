import Foundation
import OpenStackSimulator
import Testing

@Suite struct RequestLogTests {
    @Test("the request log keeps the newest requests up to its limit")
    func bounded() async throws {
        let cloud = try await OpenStackSimulator.start(SimulatorConfiguration(requestLogLimit: 10))
        defer { Task { await cloud.stop() } }
        for index in 0..<25 {
            _ = try await SimClient().send("GET", cloud.baseURL + "/heat/healthcheck?n=\(index)")
        }
        let log = await cloud.requests()
        #expect(log.count == 10)
        #expect(log.last?.query["n"] == "24")
        #expect(log.first?.query["n"] == "15")
    }
}
