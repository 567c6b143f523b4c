import Foundation

/// The simulator's own API under `/_sim/` (no authentication; loopback test use only).
extension SimulatorState {
    func admin(_ request: SimRequest) -> SimResponse {
        switch (request.method, request.segments) {
        case ("GET", ["requests"]):
            let records = requestLog.map { record -> [String: Any] in
                [
                    "method": record.method, "path": record.path, "query": record.query, "status": record.status,
                    "service": record.service, "request_id": record.requestID,
                ]
            }
            return .json(200, ["requests": records])
        case ("DELETE", ["requests"]):
            requestLog.removeAll()
            return SimResponse(status: 204)
        case ("GET", ["health"]):
            return .json(200, ["status": "ok"])
        default:
            return .notFound("no simulator route \(request.method) /_sim/\(request.segments.joined(separator: "/"))")
        }
    }
}
