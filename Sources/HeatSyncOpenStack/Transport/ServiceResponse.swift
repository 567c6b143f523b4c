import Foundation

/// Reading OpenStack responses: JSON bodies and the message inside each service's error
/// envelope — Heat's faultwrap, Keystone's `error`, Nova's `{"itemNotFound": {…}}`,
/// Neutron's `NeutronError`. These messages never carry credentials.
enum ServiceResponse {
    static func object(_ response: HTTPResponse, service: String) throws -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] else {
            throw OpenStackError(.unexpectedResponse, "\(service)'s response is not a JSON object")
        }
        return object
    }

    /// The human message of an error body, whatever the service's envelope.
    static func message(_ body: [UInt8]) -> String? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty || text.hasPrefix("<") ? nil : text
        }
        if let error = object["error"] as? [String: Any], let message = error["message"] as? String { return message }
        if let neutron = object["NeutronError"] as? [String: Any], let message = neutron["message"] as? String {
            return message
        }
        if let explanation = object["explanation"] as? String { return explanation }
        if object.count == 1, let inner = object.values.first as? [String: Any],
            let message = inner["message"] as? String
        {
            return message
        }
        return nil
    }

    /// The error for an unexpected status, with the service's own message.
    static func error(
        _ response: HTTPResponse,
        service: String,
        method: String,
        path: String,
        message: String? = nil
    )
        -> OpenStackError
    {
        let detail = Self.message(response.body)
        let text = message ?? "\(service) answered \(response.status)" + (detail.map { ": \($0)" } ?? "")
        return OpenStackError(
            .http(status: response.status),
            text,
            method: method,
            path: path.split(separator: "?").first.map(String.init),
            requestID: response.requestID
        )
    }
}
