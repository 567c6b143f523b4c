import Foundation

/// Writes `[String: Any]` trees as JSON with keys in byte order. Foundation's
/// `JSONSerialization` with `.sortedKeys` sorts with locale-aware collation and casts every
/// value dynamically: a page of 100 stacks cost ~20 ms that way, which made the simulator,
/// not heatsync, the bottleneck of load tests.
enum JSONWriter {
    static func data(_ value: Any) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, into: &out)
        return Data(out)
    }

    /// Native Swift types are tested first, by exact type: a cast such as `is NSNull` on a
    /// dictionary would bridge the whole dictionary to `NSDictionary` just to say no.
    static func write(_ value: Any?, into out: inout [UInt8]) {
        guard let value else {
            out += Array("null".utf8)
            return
        }
        let type = Swift.type(of: value)
        if let text = value as? String, type == String.self {
            writeString(text, into: &out)
        } else if let object = value as? [String: Any], type != NSDictionary.self {
            writeObject(object, into: &out)
        } else if type == Bool.self, let flag = value as? Bool {
            out += Array((flag ? "true" : "false").utf8)
        } else if type == Int.self, let integer = value as? Int {
            out += Array(String(integer).utf8)
        } else if type == Double.self, let number = value as? Double {
            out += Array(format(number).utf8)
        } else if let array = value as? [Any] {
            out.append(UInt8(ascii: "["))
            for (index, item) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        } else if value is NSNull {
            out += Array("null".utf8)
        } else if let number = value as? NSNumber {
            // A number parsed by Foundation: its type code tells a JSON `true` from the integer 1.
            let code = String(cString: number.objCType)
            if code == "c" {
                out += Array((number.boolValue ? "true" : "false").utf8)
            } else if code == "f" || code == "d" {
                out += Array(format(number.doubleValue).utf8)
            } else {
                out += Array(number.stringValue.utf8)
            }
        } else if let text = value as? String {
            writeString(text, into: &out)
        } else if let object = value as? [String: Any] {
            writeObject(object, into: &out)
        } else {
            writeString(String(describing: value), into: &out)
        }
    }

    private static func writeObject(_ object: [String: Any], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, key) in object.keys.sorted().enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(object[key], into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
