import Foundation
import Testing

@testable import OpenStackSimulator

@Suite struct JSONWriterTests {
    @Test("Swift values, and values parsed from JSON, keep their JSON types; keys sort bytewise")
    func types() throws {
        let parsed = try JSONSerialization.jsonObject(
            with: Data(#"{"t": true, "one": 1, "half": 0.5, "n": null}"#.utf8)
        )
        let value: [String: Any] = [
            "b": true, "i": 12, "d": 2.0, "s": "a\"b\\c\n/", "z": NSNull(), "list": [1, "x", false], "parsed": parsed,
        ]
        let text = String(decoding: JSONWriter.data(value), as: UTF8.self)
        #expect(
            text
                == #"{"b":true,"d":2,"i":12,"list":[1,"x",false],"parsed":{"half":0.5,"n":null,"one":1,"t":true},"s":"a\"b\\c\n/","z":null}"#
        )
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }
}
