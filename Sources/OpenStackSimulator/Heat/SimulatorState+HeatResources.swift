import Foundation

/// Turning a template into resources (physical ids, resolved properties, attributes) and
/// keeping Nova's servers in step with a stack's `OS::Nova::Server` resources.
extension SimulatorState {
    /// The resources of `template`, reusing `old` ones of the same name and type unless a
    /// property change forces a replacement. `changes` maps each name to Heat's preview
    /// category (added, updated, replaced, unchanged; deleted for old ones that are gone).
    func materialize(
        template: [String: Any],
        parameters: [String: Any],
        stackName: String,
        old: [SimStackResource],
        at time: Date
    ) throws -> (resources: [SimStackResource], changes: [String: String]) {
        var evaluator = HeatTemplateEvaluator(template: template, parameters: parameters)
        let definitions = template["resources"] as? [String: Any] ?? [:]
        var active: [(name: String, type: String, properties: Any)] = []
        for name in definitions.keys.sorted() {
            let definition = definitions[name] as? [String: Any] ?? [:]
            if let condition = definition["condition"], try !evaluator.condition(condition) { continue }
            let type = definition["type"] as? String ?? "OS::Heat::None"
            active.append((name, type, definition["properties"] ?? [String: Any]()))
        }
        // Ports before servers before floating IPs, so addresses can be shared.
        let rank = ["OS::Neutron::Port": 0, "OS::Nova::Server": 1, "OS::Neutron::FloatingIP": 2]
        active.sort { (rank[$0.type] ?? -1, $0.name) < (rank[$1.type] ?? -1, $1.name) }
        var previous: [String: SimStackResource] = [:]
        for resource in old { previous[resource.name] = resource }
        for item in active {
            guard let before = previous[item.name], before.type == item.type else {
                evaluator.physicalIDs[item.name] = newPhysicalID(type: item.type, stack: stackName, name: item.name)
                continue
            }
            evaluator.physicalIDs[item.name] = before.physicalID
            evaluator.attributes[item.name] = HeatJSON.object(before.attributes)
        }
        var changes: [String: String] = [:]
        for item in active {
            guard let before = previous[item.name] else {
                changes[item.name] = "added"
                continue
            }
            let properties = try evaluator.resolve(item.properties) as? [String: Any] ?? [:]
            let oldProperties = HeatJSON.object(before.properties)
            if before.type != item.type || Self.needsReplacement(item.type, oldProperties, properties) {
                changes[item.name] = "replaced"
                evaluator.physicalIDs[item.name] = newPhysicalID(type: item.type, stack: stackName, name: item.name)
                evaluator.attributes[item.name] = nil
            } else {
                changes[item.name] = HeatJSON.equal(oldProperties, properties) ? "unchanged" : "updated"
            }
        }
        for resource in old where changes[resource.name] == nil { changes[resource.name] = "deleted" }
        for item in active {
            let properties = try evaluator.resolve(item.properties) as? [String: Any] ?? [:]
            evaluator.attributes[item.name] = attributes(
                type: item.type,
                properties: properties,
                existing: evaluator.attributes[item.name] ?? [:],
                evaluator: evaluator
            )
        }
        var resources: [SimStackResource] = []
        for item in active {
            let properties = try evaluator.resolve(item.properties) as? [String: Any] ?? [:]
            if item.type == "OS::Heat::TestResource" {
                evaluator.attributes[item.name]?["output"] = properties["value"] ?? NSNull()
            }
            let before = previous[item.name]
            let kept = changes[item.name] == "unchanged" || changes[item.name] == "updated"
            let fails = item.type == "OS::Heat::TestResource" && HeatJSON.string(properties["fail"]) == "True"
            resources.append(
                SimStackResource(
                    name: item.name,
                    type: item.type,
                    physicalID: evaluator.physicalIDs[item.name] ?? "",
                    properties: HeatJSON.data(properties),
                    attributes: HeatJSON.data(evaluator.attributes[item.name] ?? [:]),
                    createdAt: kept ? before?.createdAt ?? time : time,
                    updatedAt: kept && changes[item.name] == "updated" ? time : before?.updatedAt,
                    failure: fails ? "ValueError: resources.\(item.name): Test Resource failed test" : nil
                )
            )
        }
        return (resources.sorted { $0.name < $1.name }, changes)
    }

    /// Heat's defaults: a new image (REBUILD) or user_data (REPLACE) replaces the server.
    static func needsReplacement(_ type: String, _ old: [String: Any], _ new: [String: Any]) -> Bool {
        switch type {
        case "OS::Nova::Server":
            if !HeatJSON.equal(old["image"], new["image"]) { return true }
            let policy = HeatJSON.string(new["user_data_update_policy"] ?? "REPLACE").uppercased()
            return policy != "IGNORE" && !HeatJSON.equal(old["user_data"], new["user_data"])
        case "OS::Heat::TestResource":
            return HeatJSON.string(new["update_replace"]) == "True" && !HeatJSON.equal(old, new)
        default:
            return false
        }
    }

    private func newPhysicalID(type: String, stack: String, name: String) -> String {
        if type.hasPrefix("OS::Nova::") || type.hasPrefix("OS::Neutron::") || type == "OS::Heat::TestResource" {
            return uuid()
        }
        return "\(stack)-\(name)-\(randomString(length: 12, alphabet: Array("abcdefghijklmnopqrstuvwxyz0123456789")))"
    }

    private func randomString(length: Int, alphabet: [Character]) -> String {
        guard !alphabet.isEmpty else { return "" }
        var out = ""
        for _ in 0..<max(0, length) { out.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
        return out
    }

    private func attributes(
        type: String,
        properties: [String: Any],
        existing: [String: Any],
        evaluator: HeatTemplateEvaluator
    ) -> [String: Any] {
        switch type {
        case "OS::Heat::RandomString":
            if existing["value"] != nil { return existing }
            var alphabet = ""
            for sequence in properties["character_sequences"] as? [Any] ?? [] {
                alphabet += (sequence as? [String: Any])?["sequence"] as? String ?? ""
            }
            if alphabet.isEmpty { alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" }
            let length = Int(HeatJSON.string(properties["length"] ?? 32)) ?? 32
            return ["value": randomString(length: length, alphabet: Array(alphabet))]
        case "OS::Heat::TestResource":
            return ["output": properties["value"] ?? NSNull()]
        case "OS::Neutron::Port":
            if existing["fixed_ips"] != nil { return existing }
            return ["fixed_ips": [["ip_address": network.allocatePrivateIP(), "subnet_id": uuid()]]]
        case "OS::Nova::Server":
            var address = existing["first_address"] as? String
            for item in properties["networks"] as? [Any] ?? [] {
                guard let port = (item as? [String: Any])?["port"] as? String else { continue }
                for (name, id) in evaluator.physicalIDs where id == port {
                    let ips = evaluator.attributes[name]?["fixed_ips"] as? [Any]
                    address = (ips?.first as? [String: Any])?["ip_address"] as? String ?? address
                }
            }
            let ip = address ?? network.allocatePrivateIP()
            return [
                "first_address": ip, "name": properties["name"] ?? NSNull(), "networks": ["private": [ip]],
            ]
        case "OS::Neutron::FloatingIP":
            if existing["floating_ip_address"] != nil { return existing }
            return ["floating_ip_address": network.allocateFloatingIP()]
        default:
            return [:]
        }
    }
}
