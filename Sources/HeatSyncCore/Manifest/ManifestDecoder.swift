/// Decodes `heatsync/v1` documents into manifests, collecting every problem.
enum ManifestDecoder {
    static let apiVersion = "heatsync/v1"
    static let topLevelFields = ["apiVersion", "kind", "metadata", "spec"]

    enum Kind: String {
        case project = "Project"
        case virtualMachine = "VirtualMachine"
    }

    /// Reads `apiVersion` and `kind`; reports them when they are wrong. `expected` is the kind
    /// this file may hold.
    static func kind(of document: YAMLNode, expected: Kind, decoder: inout NodeDecoder) -> [String: YAMLPair]? {
        guard let fields = decoder.fields(of: document, at: "", allowed: topLevelFields) else { return nil }
        var ok = true
        if let version = fields["apiVersion"]?.value {
            if let text = decoder.string(version, at: "apiVersion"), text != apiVersion {
                decoder.diagnostics.error(
                    .unsupportedAPIVersion,
                    "apiVersion '\(text)' is not supported",
                    hint: "use apiVersion: \(apiVersion)",
                    at: decoder.location(version)
                )
                ok = false
            }
        } else {
            decoder.missing("apiVersion", in: document, hint: "add apiVersion: \(apiVersion)")
            ok = false
        }
        if let kindNode = fields["kind"]?.value {
            if let text = decoder.string(kindNode, at: "kind"), text != expected.rawValue {
                let place = expected == .project ? "project.yaml" : "a vms/ folder"
                let hint =
                    Kind(rawValue: text) != nil
                    ? "\(place) holds only kind: \(expected.rawValue)"
                    : Suggestion.hint(for: text, among: [expected.rawValue])
                decoder.diagnostics.error(
                    .wrongKind,
                    "kind '\(text)' is not allowed here",
                    hint: hint,
                    at: decoder.location(kindNode)
                )
                ok = false
            }
        } else {
            decoder.missing("kind", in: document, hint: "add kind: \(expected.rawValue)")
            ok = false
        }
        for field in ["metadata", "spec"] where fields[field] == nil {
            decoder.missing(field, in: document)
            ok = false
        }
        return ok ? fields : nil
    }

    /// Labels and annotations; unknown `heatsync/` annotations are errors so a typo in a safety
    /// annotation never leaves a VM unprotected.
    static func metadataMaps(
        _ fields: [String: YAMLPair],
        decoder: inout NodeDecoder
    ) -> (labels: [String: String], annotations: [String: String]) {
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        if let node = fields["labels"]?.value, let map = decoder.stringMap(node, at: "metadata.labels") {
            for entry in map { labels[entry.key] = entry.value }
        }
        if let node = fields["annotations"]?.value, let map = decoder.stringMap(node, at: "metadata.annotations") {
            for entry in map {
                if entry.key.hasPrefix("heatsync/") {
                    guard Annotation.known.contains(entry.key) else {
                        decoder.diagnostics.error(
                            .unknownAnnotation,
                            "unknown annotation '\(entry.key)'",
                            hint: Suggestion.hint(for: entry.key, among: Annotation.known),
                            at: decoder.location(entry.keyNode)
                        )
                        continue
                    }
                    guard entry.value == "true" || entry.value == "false" else {
                        let valueNode =
                            node.mappingPairs?.first { $0.key.scalarText == entry.key }?.value ?? entry.keyNode
                        decoder.invalid(
                            valueNode,
                            "annotation '\(entry.key)' must be \"true\" or \"false\", found '\(entry.value)'"
                        )
                        continue
                    }
                }
                annotations[entry.key] = entry.value
            }
        }
        return (labels, annotations)
    }
}
