import Foundation

/// One stack output. `value` is Heat's value as text (JSON for lists and maps); `error` is set
/// instead when the resource behind the output failed.
public struct HeatOutput: Sendable, Hashable {
    public var key: String
    public var description: String?
    public var value: String?
    public var error: String?

    init?(json: [String: Any]) {
        guard let key = json["output_key"] as? String else { return nil }
        self.key = key
        description = json["description"] as? String
        error = json["output_error"] as? String
        switch json["output_value"] {
        case nil, is NSNull: value = nil
        case let text as String: value = text
        case let number as NSNumber: value = number.stringValue
        case let other?:
            let data = try? JSONSerialization.data(withJSONObject: [other], options: [.sortedKeys])
            value = data.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) }
        }
    }
}
