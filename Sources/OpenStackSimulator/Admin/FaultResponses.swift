import Foundation

/// The responses of injected faults, in the envelope of the service they stand in for.
extension SimResponse {
    /// Status of a response that must not be sent: the connection is closed instead.
    static let droppedStatus = 0

    static var dropped: SimResponse { SimResponse(status: droppedStatus) }

    var isDropped: Bool { status == Self.droppedStatus }

    static func injectedFailure(_ rule: FaultRule, service: String, request: SimRequest) -> SimResponse {
        let status = rule.errorStatus ?? 503
        let title = reasonPhrase(status)
        let message = "Simulated fault: \(status) \(title)"
        var response: SimResponse
        switch service {
        case "orchestration":
            let type = "HTTP" + title.replacingOccurrences(of: " ", with: "")
            response = heatError(status, title, explanation: explanation(status), type: type, message: message)
        case "compute":
            response = novaError(status, message)
        case "network":
            response = neutronError(status, type: title.replacingOccurrences(of: " ", with: ""), message)
        case "identity":
            response = keystoneError(status, title, message)
        case "image":
            response = glanceError(status, title, message, accept: request.headers["accept"])
        default:
            response = json(status, ["error": ["code": status, "title": title, "message": message]])
        }
        if let retryAfter = rule.retryAfter, [409, 429, 503].contains(status) {
            response.headers.append(("Retry-After", String(retryAfter)))
        }
        return response
    }

    static func reasonPhrase(_ status: Int) -> String {
        let phrases = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            408: "Request Timeout", 409: "Conflict", 413: "Request Entity Too Large", 429: "Too Many Requests",
            500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout",
        ]
        return phrases[status] ?? "Error"
    }

    /// webob's explanations, which Heat's faultwrap copies into `explanation`.
    static func explanation(_ status: Int) -> String {
        switch status {
        case 400: "The server could not comply with the request since it is either malformed or otherwise incorrect."
        case 403: "Access was denied to this resource."
        case 404: "The resource could not be found."
        case 409: "There was a conflict when trying to complete your request."
        case 429: "The client has sent too many requests in a given amount of time."
        case 502: "Bad gateway."
        case 503: "The server is currently unavailable. Please try again at a later time."
        case 504: "The gateway has timed out."
        default: "The server has either erred or is incapable of performing the requested operation."
        }
    }
}
