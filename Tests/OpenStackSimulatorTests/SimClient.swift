import Foundation
import OpenStackSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small HTTP client for contract tests: no redirects followed (the contract asserts
/// them), JSON in and out. Deliberately independent of heatsync's own OpenStack client.
final class SimClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

    func send(
        _ method: String,
        _ url: String,
        token: String? = nil,
        json: Any? = nil,
        headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue(token, forHTTPHeaderField: "X-Auth-Token") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            lowered[String(describing: name).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: lowered, body: data)
    }

    // The completion-handler form: on Linux the async variant of this hook is never called.
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) { completionHandler(nil) }
}
