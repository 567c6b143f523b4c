import CCurl
import Foundation

/// HTTP over libcurl: custom CAs, client certificates and proxies as curl supports them
/// (the proxy environment variables are honoured by libcurl itself).
///
/// libcurl's calls block, so requests run on a small pool of dedicated threads — never on
/// Swift's cooperative pool, which has only as many threads as cores. Each worker keeps one
/// curl handle, so connections are reused across requests.
public final class CurlTransport: HTTPTransport {
    private let pool: CurlWorkerPool
    private let tls: TLSOptions

    /// - Parameters:
    ///   - tls: CA, client certificate and verification settings.
    ///   - maxConcurrentRequests: worker threads, each with its own connection cache.
    public init(tls: TLSOptions = TLSOptions(), maxConcurrentRequests: Int = 8) {
        _ = CurlTransport.globalInit
        self.tls = tls
        pool = CurlWorkerPool(size: max(1, maxConcurrentRequests))
    }

    deinit { pool.shutdown() }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let tls = tls
        return try await withCheckedThrowingContinuation { continuation in
            pool.submit { handle in
                continuation.resume(with: Result { try CurlExchange.perform(request, handle: handle, tls: tls) })
            }
        }
    }
}

/// One request on one curl handle.
enum CurlExchange {
    final class Sink {
        var body: [UInt8] = []
        var headerLines: [String] = []
    }

    static func perform(_ request: HTTPRequest, handle: UnsafeMutableRawPointer, tls: TLSOptions) throws -> HTTPResponse
    {
        curl_easy_reset(handle)
        let sink = Sink()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers { headerList = curl_slist_append(headerList, "\(name): \(value)") }
        if request.body != nil, !request.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headerList = curl_slist_append(headerList, "Content-Type: application/json")
        }
        headerList = curl_slist_append(headerList, "Expect:")

        ccurl_setopt_string(handle, CURLOPT_URL, request.url)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        ccurl_setopt_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(request.timeout))
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(request.connectTimeout))
        ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)
        switch request.method {
        case "GET": break
        case "HEAD": ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
        default: ccurl_setopt_string(handle, CURLOPT_CUSTOMREQUEST, request.method)
        }
        if let body = request.body {
            ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, body.count)
            body.withUnsafeBufferPointer { buffer in
                _ = ccurl_setopt_ptr(
                    handle,
                    CURLOPT_COPYPOSTFIELDS,
                    UnsafeMutableRawPointer(mutating: buffer.baseAddress)
                )
            }
        }
        if let caFile = tls.caFile { ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        if let certFile = tls.certFile { ccurl_setopt_string(handle, CURLOPT_SSLCERT, certFile) }
        if let keyFile = tls.keyFile { ccurl_setopt_string(handle, CURLOPT_SSLKEY, keyFile) }
        if !tls.verify {
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 0)
            ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 0)
        }
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        ccurl_setopt_writefn(handle, CURLOPT_WRITEFUNCTION, writeBody)
        ccurl_setopt_ptr(handle, CURLOPT_WRITEDATA, opaque)
        ccurl_setopt_writefn(handle, CURLOPT_HEADERFUNCTION, writeHeader)
        ccurl_setopt_ptr(handle, CURLOPT_HEADERDATA, opaque)
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))

        let code = errorBuffer.withUnsafeMutableBufferPointer { buffer -> CURLcode in
            ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, buffer.baseAddress)
            let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
            ccurl_setopt_ptr(handle, CURLOPT_ERRORBUFFER, nil)
            return code
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let text = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let kind: OpenStackError.Code =
                code == CURLE_OPERATION_TIMEDOUT ? .timeout : .transport(curlCode: Int(code.rawValue))
            let tls =
                OpenStackError.tlsCurlCodes.contains(Int(code.rawValue))
                ? "TLS error: " + text + Self.tlsHint(code, tls) : nil
            throw OpenStackError(
                kind,
                "\(request.method) \(request.pathForLogs) failed: \(tls ?? text)",
                method: request.method,
                path: request.pathForLogs
            )
        }
        var status = 0
        ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: headers(sink.headerLines), body: sink.body)
    }

    /// What to change in clouds.yaml for the usual TLS failures.
    static func tlsHint(_ code: CURLcode, _ tls: TLSOptions) -> String {
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION:
            return tls.caFile == nil
                ? " (the server's certificate is not signed by a trusted CA: set 'cacert' in clouds.yaml to the cloud's CA)"
                : " (the server's certificate does not verify against the configured 'cacert')"
        case CURLE_SSL_CACERT_BADFILE: return " (the 'cacert' file cannot be read)"
        case CURLE_SSL_CERTPROBLEM: return " (the client 'cert'/'key' cannot be used)"
        default: return ""
        }
    }

    /// Header lines of the last response block (earlier blocks: 100-continue, redirects).
    static func headers(_ lines: [String]) -> [String: String] {
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return fields
    }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    private static let writeBody: ccurl_write_cb = { pointer, size, count, userdata in
        guard let pointer, let userdata else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        sink.body.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: size * count))
        return size * count
    }

    private static let writeHeader: ccurl_write_cb = { pointer, size, count, userdata in
        guard let pointer, let userdata else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(userdata).takeUnretainedValue()
        let line = String(decoding: UnsafeRawBufferPointer(start: pointer, count: size * count), as: UTF8.self)
        if line.hasPrefix("HTTP/") { sink.headerLines.removeAll() } else { sink.headerLines.append(line) }
        return size * count
    }
}
