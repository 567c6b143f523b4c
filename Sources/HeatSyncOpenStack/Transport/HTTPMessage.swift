/// An HTTP request as the adapter sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// The whole exchange, connect included.
    public var timeout: Duration
    public var connectTimeout: Duration

    public init(
        method: String,
        url: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil,
        timeout: Duration = .seconds(60),
        connectTimeout: Duration = .seconds(10)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
    }

    /// The URL's path without the query, for errors and logs (queries may carry markers, never secrets,
    /// but paths are enough to find a call).
    public var pathForLogs: String {
        let withoutScheme = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let path = withoutScheme.count > 3 ? "/" + withoutScheme[3] : "/"
        return String(path.split(separator: "?", maxSplits: 1).first ?? "")
    }
}

/// An HTTP response: status, headers of the final response block (lower-cased names), body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var requestID: String? { header("x-openstack-request-id") }
}

/// Sends HTTP requests. ``CurlTransport`` is the real one; tests may record around it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
