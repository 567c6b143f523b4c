import Foundation

/// `POST /_sim/seed`: fills a project with stacks through the real create path, for load
/// tests and benchmarks (`{"stacks": 10000, "user": "demo", "tags": ["heatsync"], "name_prefix": "vm-seed-"}`).
extension SimulatorState {
    func seed(_ request: SimRequest) -> SimResponse {
        let body = request.jsonObject ?? [:]
        let count = body["stacks"] as? Int ?? 0
        let userName = body["user"] as? String ?? "demo"
        let tags = (body["tags"] as? [String] ?? ["heatsync"]).joined(separator: ",")
        let prefix = body["name_prefix"] as? String ?? "vm-seed-"
        guard (0...100_000).contains(count) else { return .json(400, ["error": "stacks must be 0…100000"]) }
        guard let user = keystone.user(named: userName), let project = keystone.project(named: user.config.project)
        else { return .json(400, ["error": "no user \(userName)"]) }
        let token = KeystoneState.Token(
            value: "seed",
            userID: user.id,
            projectID: project.id,
            methods: ["password"],
            issuedAt: now,
            expiresAt: now.addingTimeInterval(60)
        )
        let template: [String: Any] = [
            "heat_template_version": "2018-08-31",
            "resources": ["none": ["type": "OS::Heat::None"]],
            "outputs": [
                "server_id": ["value": ["get_resource": "none"]], "private_ip": ["value": "192.0.2.1"],
                "public_ip": ["value": ""],
            ],
        ]
        var created = 0
        for index in 0..<count {
            let payload: [String: Any] = ["stack_name": "\(prefix)\(index)", "template": template, "tags": tags]
            let data = (try? JSONSerialization.data(withJSONObject: payload)) ?? Data()
            let create = SimRequest(
                method: "POST",
                path: "/seed",
                segments: [],
                query: [:],
                headers: [:],
                body: data
            )
            if createStack(create, token: token).status == 201 { created += 1 }
        }
        return .json(200, ["created": created, "project_id": project.id])
    }
}
