import Foundation
import OpenStackSimulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Every Heat suite, one test at a time: each test starts its own simulator, and running
/// them all at once on a small machine starves the timing-sensitive Keystone tests.
@Suite(.serialized) enum HeatTests {}

/// A started simulator with a demo token, and Heat helpers for the Heat suites.
struct HeatSession {
    let cloud: OpenStackSimulator
    let client = HeatHTTPClient()
    let token: String
    let projectID: String

    static func start(
        _ configuration: SimulatorConfiguration = SimulatorConfiguration(
            createDuration: .milliseconds(200),
            updateDuration: .milliseconds(150),
            deleteDuration: .milliseconds(150)
        )
    ) async throws -> HeatSession {
        let cloud = try await OpenStackSimulator.start(configuration)
        let reply = try await SimClient().send(
            "POST",
            cloud.authURL + "/auth/tokens",
            json: KeystoneContractTests.password()
        )
        let token = try #require(reply.header("X-Subject-Token"))
        let project = (reply.json["token"] as? [String: Any])?["project"] as? [String: Any]
        let projectID = try #require(project?["id"] as? String)
        return HeatSession(cloud: cloud, token: token, projectID: projectID)
    }

    var heatURL: String { cloud.baseURL + "/heat/v1/" + projectID }

    func send(_ method: String, _ path: String, json: Any? = nil) async throws -> SimClient.Reply {
        try await client.send(method, heatURL + path, token: token, json: json)
    }

    /// The template NOTES §2 measured with: None, RandomString, TestResource, two outputs.
    static func notesTemplate(fail: Bool = false) -> [String: Any] {
        [
            "heat_template_version": "2018-08-31",
            "parameters": [
                "flavor": ["type": "string", "default": "small"], "delay": ["type": "number", "default": 0],
            ],
            "resources": [
                "none": ["type": "OS::Heat::None", "properties": ["anything": ["get_param": "flavor"]]],
                "rand": ["type": "OS::Heat::RandomString", "properties": ["length": 12]],
                "test": [
                    "type": "OS::Heat::TestResource",
                    "properties": [
                        "value": ["get_param": "flavor"], "fail": fail,
                        "action_wait_secs": ["create": ["get_param": "delay"], "update": 0, "delete": 0],
                    ],
                ],
            ],
            "outputs": [
                "password": ["value": ["get_attr": ["rand", "value"]], "description": "random"],
                "flavor": ["value": ["get_attr": ["test", "output"]]],
            ],
        ]
    }

    static var noneTemplate: [String: Any] {
        ["heat_template_version": "2018-08-31", "resources": ["none": ["type": "OS::Heat::None"]]]
    }

    /// POSTs a stack and returns its id.
    @discardableResult
    func create(
        _ name: String,
        template: [String: Any] = HeatSession.noneTemplate,
        parameters: [String: Any] = [:],
        tags: String? = nil
    ) async throws -> String {
        var body: [String: Any] = ["stack_name": name, "template": template, "parameters": parameters]
        if let tags { body["tags"] = tags }
        let reply = try await send("POST", "/stacks", json: body)
        try #require(
            reply.status == 201,
            "create \(name): \(reply.status) \(String(decoding: reply.body, as: UTF8.self))"
        )
        return try #require((reply.json["stack"] as? [String: Any])?["id"] as? String)
    }

    func show(_ name: String, _ id: String) async throws -> [String: Any] {
        try await send("GET", "/stacks/\(name)/\(id)").json["stack"] as? [String: Any] ?? [:]
    }

    /// Polls the stack until its status leaves `*_IN_PROGRESS` (at most `seconds`).
    @discardableResult
    func wait(_ name: String, _ id: String, seconds: Double = 10) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let stack = try await show(name, id)
            let status = stack["stack_status"] as? String ?? ""
            if !status.hasSuffix("_IN_PROGRESS") || Date() > deadline { return stack }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func list(_ query: String = "") async throws -> SimClient.Reply {
        try await send("GET", "/stacks" + (query.isEmpty ? "" : "?" + query))
    }

    func names(_ query: String = "") async throws -> [String] {
        let stacks = try await list(query).json["stacks"] as? [[String: Any]] ?? []
        return stacks.compactMap { $0["stack_name"] as? String }
    }

    static func error(_ reply: SimClient.Reply) -> [String: Any] { reply.json["error"] as? [String: Any] ?? [:] }
}

/// An HTTP client that really does not follow redirects on Linux: swift-corelibs-foundation
/// ignores the async redirect delegate method `SimClient` implements, so this one uses
/// delegate-based data tasks and the completion-handler redirect method.
final class HeatHTTPClient: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Int: (data: Data, continuation: CheckedContinuation<SimClient.Reply, any Error>)] = [:]
    private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

    func send(_ method: String, _ url: String, token: String?, json: Any?) async throws -> SimClient.Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue(token, forHTTPHeaderField: "X-Auth-Token") }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let task = session.dataTask(with: request)
        return try await withCheckedThrowingContinuation { continuation in
            lock.withLock { pending[task.taskIdentifier] = (Data(), continuation) }
            task.resume()
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        lock.withLock { pending[dataTask.taskIdentifier]?.data.append(data) }
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) { completionHandler(nil) }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if let error { return entry.continuation.resume(throwing: error) }
        guard let http = task.response as? HTTPURLResponse else {
            return entry.continuation.resume(throwing: URLError(.badServerResponse))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        entry.continuation.resume(
            returning: SimClient.Reply(status: http.statusCode, headers: headers, body: entry.data)
        )
    }
}
