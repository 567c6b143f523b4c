/// Maps a VM's spec onto its template's parameters (docs/manifests.md, "Template
/// parameters") and reports every parameter that does not fit, at the manifest line that
/// caused it.
public enum StackRenderer {
    /// Standard parameters and the spec field each comes from.
    public static let standardParameters: [(parameter: String, field: String)] = [
        ("name", "metadata.name"), ("image", "spec.image"), ("flavor", "spec.flavor"),
        ("key_name", "spec.keyPair"), ("network", "spec.networkProfile"), ("subnet", "spec.networkProfile"),
        ("floating_network", "spec.networkProfile"), ("security_groups", "spec.securityGroups"),
        ("public_ip", "spec.publicIP"), ("gpus", "spec.gpus"), ("user_data", "spec.userData"),
    ]

    public static func render(
        _ vm: VirtualMachineManifest,
        project: ProjectManifest,
        templates: TemplateLibrary,
        diagnostics: inout Diagnostics
    ) -> RenderedStack? {
        let errorsBefore = diagnostics.errorCount
        let spec = vm.spec
        guard let template = templates[spec.template] else {
            let location = vm.location(of: "spec.template")
            let versions = templates.versions(of: spec.template.name)
            if versions.isEmpty {
                diagnostics.error(
                    .unknownTemplate,
                    "template '\(spec.template.name)' does not exist",
                    hint: Suggestion.hint(for: spec.template.name, among: templates.names, noun: "under templates/"),
                    at: location
                )
            } else {
                diagnostics.error(
                    .unknownTemplateVersion,
                    "template '\(spec.template)' does not exist",
                    hint: "versions of \(spec.template.name): \(versions.map { "v\($0)" }.joined(separator: ", "))",
                    at: location
                )
            }
            return nil
        }

        // What the spec supplies, and whether the user wrote it (an unwritten field leaves the
        // template's default in force).
        var supplied: [(parameter: String, value: String, written: Bool, field: String)] = [
            ("name", vm.name, true, "metadata.name"),
            ("image", spec.image, true, "spec.image"),
            ("flavor", spec.flavor, true, "spec.flavor"),
        ]
        if let keyPair = spec.keyPair { supplied.append(("key_name", keyPair, true, "spec.keyPair")) }
        let profileName = spec.networkProfile ?? (project.networkProfiles["default"] != nil ? "default" : nil)
        if let profileName {
            if let profile = project.networkProfiles[profileName] {
                let written = spec.networkProfile != nil
                supplied.append(("network", profile.network, written, "spec.networkProfile"))
                if let subnet = profile.subnet { supplied.append(("subnet", subnet, written, "spec.networkProfile")) }
                if let floating = profile.floatingNetwork {
                    supplied.append(("floating_network", floating, written, "spec.networkProfile"))
                }
            } else {
                diagnostics.error(
                    .unknownNetworkProfile,
                    "network profile '\(profileName)' is not defined in project '\(project.name)'",
                    hint: Suggestion.hint(
                        for: profileName,
                        among: Array(project.networkProfiles.keys),
                        noun: "in \(project.file)"
                    ),
                    at: vm.location(of: "spec.networkProfile")
                )
            }
        }
        if let groups = spec.securityGroups {
            supplied.append(("security_groups", groups.joined(separator: ","), !groups.isEmpty, "spec.securityGroups"))
        }
        if let publicIP = spec.publicIP {
            supplied.append(("public_ip", publicIP ? "true" : "false", publicIP, "spec.publicIP"))
        }
        if let gpus = spec.gpus { supplied.append(("gpus", String(gpus), gpus > 0, "spec.gpus")) }
        if let userData = spec.userData { supplied.append(("user_data", userData, true, "spec.userData")) }

        var parameters: [String: String] = [:]
        for entry in supplied {
            guard let declared = template.parameters[entry.parameter] else {
                if entry.written {
                    diagnostics.error(
                        .templateParameterUnsupported,
                        "\(entry.field) is set, but template \(template.ref) has no '\(entry.parameter)' parameter",
                        hint: entry.parameter == "gpus"
                            ? "use a GPU template such as gpu-ubuntu@v1, or remove spec.gpus"
                            : "remove \(entry.field) or use a template that takes '\(entry.parameter)'",
                        at: vm.location(of: entry.field)
                    )
                }
                continue
            }
            if let problem = ParameterValue.violation(of: declared, value: entry.value) {
                diagnostics.error(
                    .templateParameterType,
                    "\(entry.field) '\(entry.value)' does not fit template \(template.ref): '\(entry.parameter)' \(problem)",
                    at: vm.location(of: entry.field)
                )
                continue
            }
            parameters[entry.parameter] = entry.value
        }

        let standard = Set(standardParameters.map(\.parameter))
        for (name, node) in spec.parameters.sorted(by: { $0.key < $1.key }) {
            let keyLocation = vm.location(of: "spec.parameters.\(name)")
            let valueLocation = vm.location(of: "spec.parameters.\(name)=")
            if standard.contains(name) {
                let field = standardParameters.first { $0.parameter == name }!.field
                diagnostics.error(
                    .templateParameterReserved,
                    "parameter '\(name)' is set from \(field)",
                    hint: "set \(field) instead of spec.parameters.\(name)",
                    at: keyLocation
                )
                continue
            }
            guard let declared = template.parameters[name] else {
                let extra = template.parameters.keys.filter { !standard.contains($0) }
                diagnostics.error(
                    .templateParameterUnknown,
                    "template \(template.ref) has no parameter '\(name)'",
                    hint: extra.isEmpty
                        ? "\(template.ref) takes only the standard parameters, which spec fields set"
                        : Suggestion.hint(for: name, among: extra),
                    at: keyLocation
                )
                continue
            }
            guard let value = ParameterValue.heatString(node, kind: declared.kind) else {
                diagnostics.error(
                    .templateParameterType,
                    "parameter '\(name)' must be \(declared.kind.userDescription), found \(node.typeDescription)",
                    at: valueLocation
                )
                continue
            }
            if let problem = ParameterValue.violation(of: declared, value: value) {
                diagnostics.error(.templateParameterType, "parameter '\(name)' \(problem)", at: valueLocation)
                continue
            }
            parameters[name] = value
        }

        for (name, declared) in template.parameters.sorted(by: { $0.key < $1.key })
        where declared.isRequired && parameters[name] == nil {
            let source = standardParameters.first { $0.parameter == name }?.field
            diagnostics.error(
                .templateParameterMissing,
                "template \(template.ref) requires parameter '\(name)'",
                hint: source.map { "set \($0)" } ?? "set spec.parameters.\(name)",
                at: vm.location(of: "spec")
            )
        }

        guard diagnostics.errorCount == errorsBefore else { return nil }
        return RenderedStack(template: template, parameters: parameters)
    }
}

extension TemplateParameter.Kind {
    var userDescription: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .json: return "a JSON value"
        case .commaDelimitedList: return "a list of strings"
        }
    }
}
