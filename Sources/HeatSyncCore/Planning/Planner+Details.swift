/// What a plan shows of a change: the fields that differ, before and after.
extension Planner {
    static func creationDetails(_ vm: DesiredVM) -> [FieldChange] {
        var details = [
            FieldChange(field: "flavor", before: nil, after: vm.manifest.spec.flavor),
            FieldChange(field: "image", before: nil, after: vm.manifest.spec.image),
        ]
        if vm.manifest.spec.power == .off {
            details.append(FieldChange(field: "power", before: nil, after: "off"))
        }
        return details
    }

    static func specDetails(
        _ vm: DesiredVM,
        stack: ObservedStack,
        tags: StackTags,
        journal: JournalEntry?
    ) -> [FieldChange] {
        var details: [FieldChange] = []
        if tags.template != vm.rendered.template.description {
            details.append(
                FieldChange(field: "template", before: tags.template, after: vm.rendered.template.description)
            )
        }
        if let before = stack.parameters ?? journal?.appliedParameters {
            let after = vm.rendered.parameters
            let keys = Set(after.keys).union(before.keys.filter { !$0.hasPrefix("OS::") })
            for key in keys.sorted() where before[key] != after[key] {
                details.append(
                    FieldChange(field: key, before: before[key].map(display), after: after[key].map(display))
                )
            }
        }
        if details.isEmpty || (details.count == 1 && details[0].field == "template") {
            details.append(
                FieldChange(
                    field: "spec",
                    before: tags.specHash.map { String($0.prefix(12)) },
                    after: String(vm.rendered.specHash.prefix(12))
                )
            )
        }
        return details
    }

    /// Values as a plan shows them: one line, at most 60 characters.
    static func display(_ value: String) -> String {
        let firstLine = value.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let multiline = firstLine.count < value.count
        if firstLine.count > 60 { return String(firstLine.prefix(57)) + "…" }
        return multiline ? firstLine + " …" : firstLine
    }
}
