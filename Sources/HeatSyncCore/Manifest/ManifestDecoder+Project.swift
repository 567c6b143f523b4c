extension ManifestDecoder {
    static let projectMetadataFields = ["name", "labels", "annotations"]
    static let projectSpecFields = ["cloud", "region", "quotas", "networkProfiles", "safety", "prices"]
    static let quotaFields = ["vms", "vcpus", "ramMB", "gpus", "floatingIPs"]
    static let profileFields = ["network", "subnet", "floatingNetwork"]
    static let safetyFields = ["prune", "maxDeletesPerApply", "maxDeletePercent"]

    /// Decodes a Project document found at `projects/<folder>/project.yaml`.
    static func project(_ document: YAMLNode, folder: String, decoder: inout NodeDecoder) -> ProjectManifest? {
        let errorsBefore = decoder.diagnostics.errorCount
        guard let top = kind(of: document, expected: .project, decoder: &decoder),
            let metadataNode = top["metadata"]?.value, let specNode = top["spec"]?.value
        else { return nil }

        var manifest = ProjectManifest(name: folder, file: decoder.file)
        if let metadata = decoder.fields(of: metadataNode, at: "metadata", allowed: projectMetadataFields) {
            if let nameNode = metadata["name"]?.value {
                if let name = decoder.name(nameNode, at: "metadata.name"), name != folder {
                    decoder.diagnostics.error(
                        .projectNameMismatch,
                        "metadata.name '\(name)' differs from the project folder '\(folder)'",
                        hint: "rename the folder or set metadata.name: \(folder)",
                        at: decoder.location(nameNode)
                    )
                }
            } else {
                decoder.missing("name", in: metadataNode, hint: "add name: \(folder)")
            }
            (manifest.labels, manifest.annotations) = metadataMaps(metadata, decoder: &decoder)
        }
        if !ResourceName.isValid(folder) {
            decoder.diagnostics.error(
                .badName,
                "project folder '\(folder)' is not a valid project name",
                hint: ResourceName.rule,
                at: .start(of: decoder.file)
            )
        }

        guard let spec = decoder.fields(of: specNode, at: "spec", allowed: projectSpecFields) else { return nil }
        if let node = spec["cloud"]?.value { manifest.cloud = decoder.string(node, at: "spec.cloud") }
        if let node = spec["region"]?.value { manifest.region = decoder.string(node, at: "spec.region") }
        if let node = spec["quotas"]?.value { manifest.quotas = quotas(node, decoder: &decoder) }
        if let node = spec["networkProfiles"]?.value { manifest.networkProfiles = profiles(node, decoder: &decoder) }
        if let node = spec["safety"]?.value { manifest.safety = safety(node, decoder: &decoder) }
        if let node = spec["prices"]?.value { manifest.prices = prices(node, decoder: &decoder) }
        return decoder.diagnostics.errorCount == errorsBefore ? manifest : nil
    }

    private static func quotas(_ node: YAMLNode, decoder: inout NodeDecoder) -> Quotas {
        var quotas = Quotas()
        guard let fields = decoder.fields(of: node, at: "spec.quotas", allowed: quotaFields) else { return quotas }
        func read(_ key: String) -> Int? {
            fields[key].flatMap { decoder.int($0.value, at: "spec.quotas.\(key)") }
        }
        quotas.vms = read("vms")
        quotas.vcpus = read("vcpus")
        quotas.ramMB = read("ramMB")
        quotas.gpus = read("gpus")
        quotas.floatingIPs = read("floatingIPs")
        return quotas
    }

    private static func profiles(_ node: YAMLNode, decoder: inout NodeDecoder) -> [String: NetworkProfile] {
        guard let pairs = node.mappingPairs else {
            decoder.wrongType(node, at: "spec.networkProfiles", expected: "a mapping of profile names to profiles")
            return [:]
        }
        var result: [String: NetworkProfile] = [:]
        for pair in pairs {
            guard let name = decoder.name(pair.key, at: "spec.networkProfiles key") else { continue }
            let path = "spec.networkProfiles.\(name)"
            guard let fields = decoder.fields(of: pair.value, at: path, allowed: profileFields) else { continue }
            guard let networkNode = fields["network"]?.value else {
                decoder.missing("network", in: pair.value)
                continue
            }
            guard let network = decoder.string(networkNode, at: "\(path).network") else { continue }
            let subnet = fields["subnet"].flatMap { decoder.string($0.value, at: "\(path).subnet") }
            let floating = fields["floatingNetwork"].flatMap { decoder.string($0.value, at: "\(path).floatingNetwork") }
            result[name] = NetworkProfile(network: network, subnet: subnet, floatingNetwork: floating)
        }
        return result
    }

    private static func safety(_ node: YAMLNode, decoder: inout NodeDecoder) -> SafetyPolicy {
        var policy = SafetyPolicy()
        guard let fields = decoder.fields(of: node, at: "spec.safety", allowed: safetyFields) else { return policy }
        if let value = fields["prune"].flatMap({ decoder.bool($0.value, at: "spec.safety.prune") }) {
            policy.prune = value
        }
        if let value = fields["maxDeletesPerApply"].flatMap({
            decoder.int($0.value, at: "spec.safety.maxDeletesPerApply")
        }) {
            policy.maxDeletesPerApply = value
        }
        if let value = fields["maxDeletePercent"].flatMap({
            decoder.int($0.value, at: "spec.safety.maxDeletePercent", maximum: 100)
        }) {
            policy.maxDeletePercent = value
        }
        return policy
    }

    private static func prices(_ node: YAMLNode, decoder: inout NodeDecoder) -> [String: Double] {
        guard let pairs = node.mappingPairs else {
            decoder.wrongType(node, at: "spec.prices", expected: "a mapping of flavor names to prices")
            return [:]
        }
        var result: [String: Double] = [:]
        for pair in pairs {
            guard let flavor = decoder.string(pair.key, at: "spec.prices key") else { continue }
            let path = "spec.prices.\(flavor)"
            guard let fields = decoder.fields(of: pair.value, at: path, allowed: ["hourly"]) else { continue }
            guard let hourly = fields["hourly"] else {
                decoder.missing("hourly", in: pair.value)
                continue
            }
            if let value = decoder.number(hourly.value, at: "\(path).hourly") { result[flavor] = value }
        }
        return result
    }
}
