/// An accumulating list of diagnostics. Manifest problems are collected, never thrown one
/// at a time, so `validate` reports every problem in one run.
public struct Diagnostics: Sendable, Hashable, Sequence {
    public private(set) var items: [Diagnostic] = []

    public init(_ items: [Diagnostic] = []) {
        self.items = items
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        items.append(diagnostic)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        items.append(contentsOf: other.items)
    }

    public mutating func error(
        _ code: DiagnosticCode,
        _ message: String,
        hint: String? = nil,
        at location: SourceLocation
    ) {
        items.append(.error(code, message, hint: hint, at: location))
    }

    public mutating func warning(
        _ code: DiagnosticCode,
        _ message: String,
        hint: String? = nil,
        at location: SourceLocation
    ) {
        items.append(.warning(code, message, hint: hint, at: location))
    }

    public var hasErrors: Bool { items.contains { $0.severity == .error } }
    public var errorCount: Int { items.count { $0.severity == .error } }
    public var warningCount: Int { items.count { $0.severity == .warning } }
    public var isEmpty: Bool { items.isEmpty }

    /// Sorted by file, line, column, then code: the order every output uses.
    public var sorted: [Diagnostic] {
        items.sorted {
            ($0.location, $0.severity, $0.code.rawValue, $0.message)
                < ($1.location, $1.severity, $1.code.rawValue, $1.message)
        }
    }

    public func makeIterator() -> IndexingIterator<[Diagnostic]> { items.makeIterator() }
}
