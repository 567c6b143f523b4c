/// Every failure of the OpenStack adapter: a struct over a private code, with the context an
/// operator needs (method, path without query, `X-Openstack-Request-Id`) and never a secret.
public struct OpenStackError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case configuration
        case transport(curlCode: Int)
        case timeout
        case authentication
        case http(status: Int)
        case unexpectedResponse
    }

    let code: Code
    /// What went wrong, in words; never holds a token, password or secret.
    public let message: String
    public let method: String?
    public let path: String?
    public let requestID: String?

    init(_ code: Code, _ message: String, method: String? = nil, path: String? = nil, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.method = method
        self.path = path
        self.requestID = requestID
    }

    /// What kind of failure this is, for callers that decide what to do next.
    public enum Kind: String, Sendable {
        case notFound, conflict, unauthorized, forbidden, badRequest, rateLimited, unavailable
        case timeout, transport, configuration, unexpected
    }

    public var kind: Kind {
        switch code {
        case .configuration: return .configuration
        case .transport: return .transport
        case .timeout: return .timeout
        case .authentication: return .unauthorized
        case .unexpectedResponse: return .unexpected
        case .http(let status):
            switch status {
            case 400, 422: return .badRequest
            case 401: return .unauthorized
            case 403: return .forbidden
            case 404: return .notFound
            case 409: return .conflict
            case 413, 429: return .rateLimited
            case 500...: return .unavailable
            default: return .unexpected
            }
        }
    }

    /// The HTTP status, when the cloud answered with an error.
    public var status: Int? {
        if case .http(let status) = code { return status }
        return nil
    }

    public var isAuthentication: Bool { code == .authentication }

    /// Whether TLS failed: an untrusted or mismatched server certificate, an unreadable CA
    /// file, a client certificate the server or curl refused.
    public var isTLS: Bool {
        if case .transport(let curlCode) = code { return Self.tlsCurlCodes.contains(curlCode) }
        return false
    }

    /// libcurl's TLS error codes: SSL connect (35), engine (53, 54, 66), client certificate (58),
    /// cipher (59), peer verification (60), CA file (77), CRL (82), issuer (83), pinned key
    /// (90), certificate status (91).
    static let tlsCurlCodes: Set<Int> = [35, 53, 54, 58, 59, 60, 66, 77, 82, 83, 90, 91]
    public var isConfiguration: Bool { code == .configuration }

    /// Failures worth retrying for a safe (read) call: transport trouble, timeouts, 5xx, 429.
    public var isRetryable: Bool {
        switch code {
        case .transport, .timeout: return true
        case .http(let status): return status >= 500 || status == 429
        default: return false
        }
    }

    /// A short, bounded label for metrics: `http_503`, `timeout`, `transport`.
    public var shortDescription: String {
        switch code {
        case .configuration: return "configuration"
        case .transport: return "transport"
        case .timeout: return "timeout"
        case .authentication: return "authentication"
        case .http(let status): return "http_\(status)"
        case .unexpectedResponse: return "unexpected_response"
        }
    }

    public var description: String {
        var out = message
        if let method, let path { out += " (\(method) \(path)" + (requestID.map { ", request \($0)" } ?? "") + ")" }
        return out
    }

    static func configuration(_ message: String) -> OpenStackError { OpenStackError(.configuration, message) }
}
