import Foundation

/// `POST /stacks/preview`: what a create would build, without creating anything (NOTES §2).
extension SimulatorState {
    func previewCreate(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        let body = request.jsonObject ?? [:]
        let parsed: HeatStackRequest
        do { parsed = try HeatStackRequest(body) } catch { return error.response }
        guard let name = body["stack_name"] as? String, !name.isEmpty else {
            return .heatBadRequest("No stack name specified")
        }
        guard let template = parsed.template else { return .heatBadRequest("No template specified") }
        var typed: [String: Any]
        let built: [SimStackResource]
        do {
            typed = try HeatParameters.typed(template: template, given: parsed.parameters ?? [:])
            typed["OS::stack_id"] = "None"
            typed["OS::stack_name"] = name
            typed["OS::project_id"] = token.projectID
            built = try materialize(template: template, parameters: typed, stackName: name, old: [], at: now).resources
        } catch let error as HeatTemplateError {
            return .heatBadRequest(error.message, type: error.type)
        } catch {
            return .heatBadRequest("\(error)")
        }
        var resources: [[String: Any]] = []
        for resource in built {
            resources.append([
                "resource_name": resource.name, "resource_type": resource.type, "resource_action": "INIT",
                "resource_status": "COMPLETE", "physical_resource_id": "", "required_by": [String](),
                "properties": HeatJSON.object(resource.properties), "description": "",
            ])
        }
        let description = template["description"] as? String ?? ""
        return .json(
            200,
            [
                "stack": [
                    "stack_name": name, "id": "None", "description": description,
                    "template_description": description, "parameters": HeatParameters.display(typed),
                    "disable_rollback": true, "timeout_mins": NSNull(),
                    "tags": parsed.tags.map { $0 as Any } ?? NSNull(),
                    "stack_owner": keystone.users[token.userID]?.config.name ?? "", "resources": resources,
                    "capabilities": [String](), "notification_topics": [String](), "parent": NSNull(),
                ]
            ]
        )
    }
}
