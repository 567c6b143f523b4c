import Foundation

/// A request as the simulated services see it: the method, the path split into segments
/// after the service prefix, the decoded query, lower-cased headers and the body.
struct SimRequest: Sendable {
    var method: String
    /// The full path, for the request log.
    var path: String
    /// Segments after the service prefix (`/heat/v1/p/stacks` → `["v1", "p", "stacks"]`).
    var segments: [String]
    var query: [String: String]
    var headers: [String: String]
    var body: Data

    var authToken: String? { headers["x-auth-token"] }

    /// The body as a JSON object, or nil when it is not one.
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }
}

/// What a simulated service answers.
struct SimResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: Data

    init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response; keys are sorted so bodies are stable.
    static func json(_ status: Int, _ object: Any, headers: [(String, String)] = []) -> SimResponse {
        SimResponse(
            status: status,
            headers: [("Content-Type", "application/json")] + headers,
            body: JSONWriter.data(object)
        )
    }

    static func text(_ status: Int, _ text: String, contentType: String = "text/plain") -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", contentType)], body: Data(text.utf8))
    }

    /// Keystone's error envelope: `{"error": {"code", "message", "title"}}`.
    static func keystoneError(_ status: Int, _ title: String, _ message: String) -> SimResponse {
        var response = json(status, ["error": ["code": status, "message": message, "title": title]])
        if status == 401 { response.headers.append(("WWW-Authenticate", "Keystone uri=\"{keystone}\"")) }
        return response
    }

    /// Heat's error envelope (`faultwrap`): `{"code", "title", "explanation", "error": {"type", "traceback", "message"}}`.
    static func heatError(
        _ status: Int,
        _ title: String,
        explanation: String,
        type: String,
        message: String?
    ) -> SimResponse {
        var error: [String: Any] = ["type": type, "traceback": NSNull()]
        if let message { error["message"] = message }
        return json(status, ["code": status, "title": title, "explanation": explanation, "error": error])
    }

    static func heatUnauthorized() -> SimResponse {
        var response = json(
            401,
            [
                "error": [
                    "code": 401, "title": "Unauthorized",
                    "message": "The request you have made requires authentication.",
                ]
            ]
        )
        response.headers.append(("WWW-Authenticate", "Keystone uri=\"{keystone}\""))
        return response
    }

    static func notFound(_ message: String = "The resource could not be found.") -> SimResponse {
        heatError(
            404,
            "Not Found",
            explanation: "The resource could not be found.",
            type: "HTTPNotFound",
            message: message
        )
    }
}
