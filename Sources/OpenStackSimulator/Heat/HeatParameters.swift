import Foundation

/// Parameter handling: typed values from what the caller gave and the template's defaults.
enum HeatParameters {
    /// Typed values (`get_param` sees these) for every declared parameter.
    static func typed(template: [String: Any], given: [String: Any]) throws -> [String: Any] {
        let declared = template["parameters"] as? [String: Any] ?? [:]
        for key in given.keys.sorted() where declared[key] == nil {
            throw HeatTemplateError(
                type: "UnknownUserParameter",
                message: "The Parameter (\(key)) was not defined in template."
            )
        }
        var out: [String: Any] = [:]
        for name in declared.keys.sorted() {
            let spec = declared[name] as? [String: Any] ?? [:]
            guard let raw = given[name] ?? spec["default"] else {
                throw HeatTemplateError(
                    type: "UserParameterMissing",
                    message: "The Parameter (\(name)) was not provided."
                )
            }
            let value = try convert(raw, type: spec["type"] as? String ?? "string", name: name)
            if let problem = violation(value, constraints: spec["constraints"] as? [Any] ?? []) {
                throw HeatTemplateError(
                    type: "StackValidationFailed",
                    message: "Parameter '\(name)' is invalid: \(problem)"
                )
            }
            out[name] = value
        }
        return out
    }

    /// The first `range`, `length` or `allowed_values` constraint the value breaks, as Heat
    /// words it (the constraint's description when it has one).
    static func violation(_ value: Any, constraints: [Any]) -> String? {
        for item in constraints {
            guard let constraint = item as? [String: Any] else { continue }
            let description = constraint["description"] as? String
            if let range = constraint["range"] as? [String: Any], let number = Double(HeatJSON.string(value)) {
                let low = (range["min"] as? NSNumber)?.doubleValue ?? -.infinity
                let high = (range["max"] as? NSNumber)?.doubleValue ?? .infinity
                if number < low || number > high {
                    return description
                        ?? "\(HeatJSON.string(value)) is out of range (min: \(HeatJSON.string(range["min"] ?? "None")), "
                        + "max: \(HeatJSON.string(range["max"] ?? "None")))."
                }
            }
            if let length = constraint["length"] as? [String: Any] {
                let count = (value as? [Any])?.count ?? HeatJSON.string(value).count
                let low = (length["min"] as? NSNumber)?.intValue ?? 0
                let high = (length["max"] as? NSNumber)?.intValue ?? Int.max
                if count < low || count > high {
                    return description ?? "length (\(count)) is out of range."
                }
            }
            if let allowed = constraint["allowed_values"] as? [Any],
                !allowed.contains(where: { HeatJSON.string($0) == HeatJSON.string(value) })
            {
                return description ?? "\"\(HeatJSON.string(value))\" is not an allowed value."
            }
        }
        return nil
    }

    static func convert(_ raw: Any, type: String, name: String) throws -> Any {
        switch type.lowercased() {
        case "number":
            let text = HeatJSON.string(raw)
            if let int = Int(text) { return int }
            if let double = Double(text) { return double }
            throw HeatTemplateError(
                type: "StackValidationFailed",
                message: "Parameter '\(name)' is invalid: could not convert string to float: '\(text)'"
            )
        case "boolean":
            if HeatJSON.isBool(raw) { return (raw as? Bool) ?? false }
            switch HeatJSON.string(raw).lowercased() {
            case "true", "t", "yes", "y", "on", "1": return true
            case "false", "f", "no", "n", "off", "0": return false
            default:
                throw HeatTemplateError(
                    type: "StackValidationFailed",
                    message: "Parameter '\(name)' is invalid: Unrecognized value '\(HeatJSON.string(raw))'"
                )
            }
        case "comma_delimited_list":
            if let list = raw as? [Any] { return list.map { HeatJSON.string($0) } }
            let text = HeatJSON.string(raw)
            return text.isEmpty ? [String]() : text.components(separatedBy: ",")
        case "json":
            if let text = raw as? String {
                return (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
                    ?? [String: Any]()
            }
            return raw
        default:
            return raw is String ? raw : HeatJSON.string(raw)
        }
    }

    /// The `parameters` of a stack show: every value as a string, plus the pseudo parameters.
    static func display(_ typed: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for (key, value) in typed {
            if let object = value as? [String: Any] {
                out[key] = String(decoding: HeatJSON.data(object), as: UTF8.self)
            } else {
                out[key] = HeatJSON.string(value)
            }
        }
        return out
    }
}

/// The parts of a create/update request body Heat reads.
struct HeatStackRequest {
    var template: [String: Any]?
    var parameters: [String: Any]?
    var tags: [String]?
    var tagsGiven: Bool

    /// Parses `template` (object or JSON string) and `tags` (one comma-separated string).
    init(_ body: [String: Any]) throws(HeatRequestError) {
        switch body["template"] {
        case nil, is NSNull: template = nil
        case let object as [String: Any]: template = object
        case let text as String:
            // Heat's template_format.parse: JSON when it looks like JSON, YAML otherwise.
            let parsed: Any
            if text.drop(while: \.isWhitespace).hasPrefix("{") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) else {
                    throw HeatRequestError(response: .heatBadRequest("The template is not valid JSON."))
                }
                parsed = object
            } else {
                do {
                    parsed = try HeatYAML.parse(text)
                } catch {
                    throw HeatRequestError(response: .heatBadRequest("Error parsing template: \(error.message)"))
                }
            }
            guard let object = parsed as? [String: Any] else {
                throw HeatRequestError(
                    response: .heatBadRequest("The template is not a JSON object or YAML mapping.")
                )
            }
            template = object
        default:
            throw HeatRequestError(response: .heatBadRequest("Template format is not valid."))
        }
        parameters = body["parameters"] as? [String: Any]
        tagsGiven = body["tags"] != nil && !(body["tags"] is NSNull)
        switch body["tags"] {
        case nil, is NSNull: tags = nil
        case let text as String:
            let list = text.components(separatedBy: ",")
            for tag in list where tag.count > 80 {
                throw HeatRequestError(
                    response: .heatBadRequest("Invalid tag, \"\(tag)\" is longer than 80 characters")
                )
            }
            tags = list
        default:
            throw HeatRequestError(
                response: .heatError(
                    400,
                    "Bad Request",
                    explanation: "The server could not comply with the request since it is either malformed "
                        + "or otherwise incorrect.",
                    type: "AttributeError",
                    message: nil
                )
            )
        }
    }
}

/// A request Heat refuses, with the response to send.
struct HeatRequestError: Error {
    var response: SimResponse
}

extension SimResponse {
    /// Heat's 400 `HTTPBadRequest` (or another type) with a message.
    static func heatBadRequest(_ message: String?, type: String = "HTTPBadRequest") -> SimResponse {
        .heatError(
            400,
            "Bad Request",
            explanation: "The server could not comply with the request since it is either malformed "
                + "or otherwise incorrect.",
            type: type,
            message: message
        )
    }

    static func stackNotFound(_ name: String) -> SimResponse {
        .heatError(
            404,
            "Not Found",
            explanation: "The resource could not be found.",
            type: "EntityNotFound",
            message: "The Stack (\(name)) could not be found."
        )
    }
}
