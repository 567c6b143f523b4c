import HeatSyncCore
import Testing

@Suite struct YAMLReaderTests {
    func read(_ text: String, limits: YAMLLimits = .manifests) -> YAMLFile {
        YAMLReader.read(Array(text.utf8), path: "f.yaml", limits: limits)
    }

    @Test("documents keep 1-based positions counted from the start of the file")
    func positions() throws {
        let file = read("a: 1\n---\nb:\n  c: [x, y]\n")
        #expect(file.documents.count == 2)
        let second = try #require(file.documents.last?.mappingPairs?.first)
        #expect((second.key.line, second.key.column) == (3, 1))
        let c = try #require(second.value.mappingPairs?.first)
        #expect((c.value.line, c.value.column) == (4, 6))
        #expect(c.value.sequenceItems?.map(\.scalarText) == ["x", "y"])
    }

    @Test("every duplicate key is reported at its second occurrence, and the first value wins")
    func duplicateKeys() throws {
        let file = read("a: 1\nb: 2\na: 3\nc:\n  d: 1\n  d: 2\n")
        let codes = file.diagnostics.items.map { "\($0.location.line):\($0.location.column) \($0.code.rawValue)" }
        #expect(codes == ["3:1 duplicate-key", "6:3 duplicate-key"])
        let a = file.documents.first?.mappingPairs?.first { $0.key.scalarText == "a" }
        #expect(a?.value.scalarText == "1")
    }

    @Test("scalars are kept as written: on is a word, \"2\" is quoted")
    func scalarsAsWritten() throws {
        let pairs = try #require(read("power: on\nn: \"2\"\nm: 2\nt: true\nz: ~\n").documents.first?.mappingPairs)
        #expect(pairs[0].value.scalarText == "on")
        #expect(pairs[0].value.boolValue == nil)
        #expect(pairs[1].value.intValue == nil)
        #expect(pairs[2].value.intValue == 2)
        #expect(pairs[3].value.boolValue == true)
        #expect(pairs[4].value.isNull)
    }

    @Test("nesting beyond the depth limit is refused without recursion")
    func depthLimit() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let file = read(deep)
        #expect(file.diagnostics.items.map(\.code) == [.yamlTooDeep])
        #expect(file.documents.isEmpty)
    }

    @Test("a billion-laughs alias bomb is refused at the alias that overflows")
    func aliasBomb() {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        let letters = Array("abcdefghij")
        for index in 1..<letters.count {
            let alias = "*\(letters[index - 1])"
            text +=
                "\(letters[index]): &\(letters[index]) [" + Array(repeating: alias, count: 9).joined(separator: ", ")
                + "]\n"
        }
        let file = read(text)
        #expect(file.diagnostics.items.map(\.code) == [.yamlAliasBomb])
        #expect(file.diagnostics.items.first?.location.line == 6)
    }

    @Test("modest alias use is fine")
    func modestAliases() {
        let file = read("base: &b {team: web}\nx: *b\ny: *b\n")
        #expect(file.diagnostics.isEmpty)
        #expect(file.documents.first?.mappingPairs?[2].value.mappingPairs?.first?.value.scalarText == "web")
    }

    @Test("invalid UTF-8 is reported at the first bad byte")
    func invalidUTF8() {
        var bytes = Array("a: 1\nbé: \"".utf8)
        bytes += [0xff, 0xfe]
        bytes += Array("\"\n".utf8)
        let file = YAMLReader.read(bytes, path: "f.yaml")
        let diagnostic = file.diagnostics.items.first
        #expect(diagnostic?.code == .invalidUTF8)
        #expect(diagnostic?.location.line == 2)
        #expect(diagnostic?.location.column == 6)
    }

    @Test("empty files, comment-only files and bare separators are empty")
    func emptyFiles() {
        for text in ["", "# nothing\n", "---\n", "---\n---\n", "   \n"] {
            #expect(read(text).diagnostics.items.map(\.code) == [.emptyFile], "\(text.debugDescription)")
        }
    }

    @Test("files over the size limit are refused before parsing")
    func sizeLimit() {
        let file = read("a: " + String(repeating: "x", count: 200) + "\n", limits: YAMLLimits(maxFileBytes: 100))
        #expect(file.diagnostics.items.map(\.code) == [.fileTooLarge])
    }

    @Test("a syntax error keeps the documents before it and points at the problem")
    func syntaxError() {
        let file = read("a: 1\n---\nb: [1, 2\nc: 3\n")
        #expect(file.documents.count == 1)
        #expect(file.diagnostics.items.map(\.code) == [.yamlSyntax])
        #expect(file.diagnostics.items.first?.location.line == 4)
    }

    @Test("an undefined alias is a syntax error, not a crash")
    func undefinedAlias() {
        #expect(read("a: *nope\n").diagnostics.items.map(\.code) == [.yamlSyntax])
    }
}
