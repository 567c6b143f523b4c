extension ManifestDecoder {
    static let vmMetadataFields = ["name", "id", "labels", "annotations"]
    static let vmSpecFields = [
        "template", "image", "flavor", "keyPair", "networkProfile", "securityGroups", "publicIP", "gpus",
        "power", "userData", "parameters", "state",
    ]

    /// Decodes a VirtualMachine document of project `project`. Returns nil when the document
    /// has errors; `identity` is still filled with what could be read of its name and id, so
    /// the planner can leave that VM's stack alone instead of deleting it.
    static func virtualMachine(
        _ document: YAMLNode,
        project: String,
        decoder: inout NodeDecoder,
        identity: inout (name: String?, id: String?)
    ) -> VirtualMachineManifest? {
        let errorsBefore = decoder.diagnostics.errorCount
        // Read what identity we can before anything else, even from a broken document.
        if let metadata = document.mappingPairs?.first(where: { $0.key.scalarText == "metadata" })?.value.mappingPairs {
            identity.name = metadata.first { $0.key.scalarText == "name" }?.value.scalarText
            identity.id = metadata.first { $0.key.scalarText == "id" }?.value.scalarText
        }
        guard let top = kind(of: document, expected: .virtualMachine, decoder: &decoder),
            let metadataNode = top["metadata"]?.value, let specNode = top["spec"]?.value
        else { return nil }

        var locations: [String: SourceLocation] = ["spec": decoder.location(specNode)]
        var name: String?
        var pinnedID: String?
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        if let metadata = decoder.fields(of: metadataNode, at: "metadata", allowed: vmMetadataFields) {
            if let node = metadata["name"]?.value {
                name = decoder.name(node, at: "metadata.name")
                locations["metadata.name"] = decoder.location(node)
            } else {
                decoder.missing("name", in: metadataNode)
            }
            if let node = metadata["id"]?.value {
                pinnedID = pinned(node, decoder: &decoder)
                locations["metadata.id"] = decoder.location(node)
            }
            (labels, annotations) = metadataMaps(metadata, decoder: &decoder)
        }

        guard let spec = decoder.fields(of: specNode, at: "spec", allowed: vmSpecFields) else { return nil }
        for (field, pair) in spec { locations["spec.\(field)"] = decoder.location(pair.value) }
        for required in ["template", "image", "flavor"] where spec[required] == nil {
            decoder.missing(required, in: specNode)
        }
        var template: TemplateRef?
        if let node = spec["template"]?.value, let text = decoder.string(node, at: "spec.template") {
            locations["spec.template"] = decoder.location(node)
            template = TemplateRef(text)
            if template == nil {
                decoder.invalid(
                    node,
                    "spec.template '\(text)' is not a template reference",
                    hint: "write <name>@v<N>, for example ubuntu-basic@v1"
                )
            }
        }
        let image = spec["image"].flatMap { decoder.string($0.value, at: "spec.image") }
        let flavor = spec["flavor"].flatMap { decoder.string($0.value, at: "spec.flavor") }
        let keyPair = spec["keyPair"].flatMap { decoder.string($0.value, at: "spec.keyPair") }
        var networkProfile: String?
        if let node = spec["networkProfile"]?.value {
            networkProfile = decoder.string(node, at: "spec.networkProfile")
            locations["spec.networkProfile"] = decoder.location(node)
        }
        let securityGroups = spec["securityGroups"].flatMap { decoder.stringList($0.value, at: "spec.securityGroups") }
        if let groups = securityGroups, let node = spec["securityGroups"]?.value,
            let bad = groups.first(where: { $0.contains(",") || $0.isEmpty })
        {
            decoder.invalid(node, "security group name '\(bad)' is empty or holds a comma")
        }
        let publicIP = spec["publicIP"].flatMap { decoder.bool($0.value, at: "spec.publicIP") }
        let gpus = spec["gpus"].flatMap { decoder.int($0.value, at: "spec.gpus") }
        let power = spec["power"].flatMap { enumValue(PowerState.self, $0.value, at: "spec.power", decoder: &decoder) }
        let userData = spec["userData"].flatMap { decoder.string($0.value, at: "spec.userData", allowEmpty: true) }
        let state = spec["state"].flatMap {
            enumValue(DesiredPresence.self, $0.value, at: "spec.state", decoder: &decoder)
        }
        var parameters: [String: YAMLNode] = [:]
        if let node = spec["parameters"]?.value {
            if let pairs = node.mappingPairs {
                for pair in pairs {
                    guard let key = decoder.string(pair.key, at: "spec.parameters key") else { continue }
                    parameters[key] = pair.value
                    locations["spec.parameters.\(key)"] = decoder.location(pair.key)
                    locations["spec.parameters.\(key)="] = decoder.location(pair.value)
                }
            } else if !node.isNull {
                decoder.wrongType(node, at: "spec.parameters", expected: "a mapping of parameter names to values")
            }
        }

        guard decoder.diagnostics.errorCount == errorsBefore, let name, let template, let image, let flavor else {
            return nil
        }
        return VirtualMachineManifest(
            project: project,
            name: name,
            pinnedID: pinnedID,
            labels: labels,
            annotations: annotations,
            spec: VMSpec(
                template: template,
                image: image,
                flavor: flavor,
                keyPair: keyPair,
                networkProfile: networkProfile,
                securityGroups: securityGroups,
                publicIP: publicIP,
                gpus: gpus,
                power: power ?? .on,
                userData: userData,
                parameters: parameters,
                state: state ?? .present
            ),
            file: decoder.file,
            location: decoder.location(document),
            locations: locations
        )
    }

    private static func pinned(_ node: YAMLNode, decoder: inout NodeDecoder) -> String? {
        guard let text = decoder.string(node, at: "metadata.id") else { return nil }
        guard ResourceName.isValid(text) else {
            let hint =
                ResourceName.isValid(text.lowercased())
                ? "ids are lowercase: \(text.lowercased())" : "an id is 1 to 63 lowercase letters, digits and '-'"
            decoder.diagnostics.error(
                .badName,
                "metadata.id '\(text)' is not a valid id",
                hint: hint,
                at: decoder.location(node)
            )
            return nil
        }
        return text
    }

    private static func enumValue<E: RawRepresentable & CaseIterable>(
        _ type: E.Type,
        _ node: YAMLNode,
        at path: String,
        decoder: inout NodeDecoder
    ) -> E? where E.RawValue == String {
        guard let text = decoder.string(node, at: path) else { return nil }
        let allowed = E.allCases.map(\.rawValue)
        guard let value = E(rawValue: text) else {
            decoder.invalid(
                node,
                "\(path) must be one of \(allowed.joined(separator: ", ")), found '\(text)'",
                hint: Suggestion.closest(to: text, among: allowed).map { "did you mean '\($0)'?" }
            )
            return nil
        }
        return value
    }
}
