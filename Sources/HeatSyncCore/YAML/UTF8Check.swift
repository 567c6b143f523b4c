/// Finds the first byte sequence that is not valid UTF-8, with its 1-based line and column.
enum UTF8Check {
    static func firstInvalidPosition(in bytes: [UInt8]) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return (line, column)
            }
        }
    }
}
