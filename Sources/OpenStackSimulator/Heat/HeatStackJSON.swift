import Foundation

/// Heat's JSON shapes for stacks, outputs, resources and events (NOTES §2).
extension SimulatorState {
    func heatBase(_ projectID: String) -> String { "\(baseURL)/heat/v1/\(projectID)" }

    func stackURL(_ stack: SimStack) -> String { "\(heatBase(stack.projectID))/stacks/\(stack.name)/\(stack.id)" }

    /// Typed parameters of a stack, with Heat's pseudo parameters.
    func typedParameters(_ stack: SimStack) -> [String: Any] {
        let template = HeatJSON.object(stack.template)
        var typed =
            (try? HeatParameters.typed(template: template, given: HeatJSON.object(stack.givenParameters))) ?? [:]
        typed["OS::stack_id"] = stack.id
        typed["OS::stack_name"] = stack.name
        typed["OS::project_id"] = stack.projectID
        return typed
    }

    /// A list item: no outputs, no parameters.
    func stackSummary(_ stack: SimStack, deletionTime: Bool = true) -> [String: Any] {
        [
            "id": stack.id,
            "links": [["href": stackURL(stack), "rel": "self"]],
            "stack_name": stack.name,
            "description": stack.description,
            "stack_status": stack.fullStatus,
            "stack_status_reason": stack.statusReason,
            "creation_time": HeatJSON.time(stack.createdAt),
            "updated_time": HeatJSON.time(stack.updatedAt),
            "deletion_time": deletionTime ? HeatJSON.time(stack.deletedAt) : NSNull(),
            "stack_owner": stack.owner,
            "parent": NSNull(),
            "stack_user_project_id": KeystoneState.stableID("stack-user/\(stack.id)"),
            "tags": stack.tags.map { $0 as Any } ?? NSNull(),
        ]
    }

    /// The stack show body.
    func stackDetail(_ stack: SimStack) -> [String: Any] {
        var body = stackSummary(stack, deletionTime: false)
        body["notification_topics"] = [String]()
        body["parameters"] = HeatParameters.display(typedParameters(stack))
        body["template_description"] = stack.description
        body["capabilities"] = [String]()
        body["disable_rollback"] = stack.disableRollback
        body["timeout_mins"] = stack.timeoutMinutes.map { $0 as Any } ?? NSNull()
        if !stack.isDeleted { body["outputs"] = outputs(stack, values: true) }
        return body
    }

    /// `[{output_key, description, output_value?}]`, in template order of keys.
    func outputs(_ stack: SimStack, values: Bool) -> [[String: Any]] {
        let template = HeatJSON.object(stack.template)
        var evaluator = HeatTemplateEvaluator(template: template, parameters: typedParameters(stack))
        let created = !(stack.action == "CREATE" && stack.status == "IN_PROGRESS")
        for resource in stack.resources where created {
            evaluator.physicalIDs[resource.name] = resource.physicalID
            evaluator.attributes[resource.name] = HeatJSON.object(resource.attributes)
        }
        let definitions = template["outputs"] as? [String: Any] ?? [:]
        var out: [[String: Any]] = []
        for key in definitions.keys.sorted() {
            let definition = definitions[key] as? [String: Any] ?? [:]
            var item: [String: Any] = [
                "output_key": key,
                "description": definition["description"] as? String ?? "No description given",
            ]
            if values { item["output_value"] = (try? evaluator.resolve(definition["value"] ?? NSNull())) ?? NSNull() }
            out.append(item)
        }
        return out
    }

    func resourceJSON(_ stack: SimStack, _ resource: SimStackResource, detail: Bool) -> [String: Any] {
        var status = stack.action + "_COMPLETE"
        var reason = "state changed"
        if stack.pending != nil {
            status = stack.action + "_IN_PROGRESS"
        } else if let failure = resource.failure, stack.action == "CREATE" || stack.action == "UPDATE" {
            status = stack.action + "_FAILED"
            reason = failure
        }
        var body: [String: Any] = [
            "resource_name": resource.name,
            "logical_resource_id": resource.name,
            "physical_resource_id": resource.physicalID,
            "resource_type": resource.type,
            "resource_status": status,
            "resource_status_reason": reason,
            "creation_time": HeatJSON.time(resource.createdAt),
            "updated_time": HeatJSON.time(resource.updatedAt ?? resource.createdAt),
            "required_by": [String](),
            "links": [
                ["href": "\(stackURL(stack))/resources/\(resource.name)", "rel": "self"],
                ["href": stackURL(stack), "rel": "stack"],
            ],
        ]
        if detail {
            body["description"] = ""
            body["attributes"] = HeatJSON.object(resource.attributes)
        }
        return body
    }

    func eventJSON(_ stack: SimStack, _ event: SimStackEvent) -> [String: Any] {
        let resource = "\(stackURL(stack))/resources/\(event.resourceName)"
        return [
            "id": event.id,
            "event_time": HeatJSON.time(event.time),
            "resource_name": event.resourceName,
            "logical_resource_id": event.resourceName,
            "physical_resource_id": event.physicalID,
            "resource_status": event.status,
            "resource_status_reason": event.reason,
            "links": [
                ["href": "\(resource)/events/\(event.id)", "rel": "self"],
                ["href": resource, "rel": "resource"],
                ["href": stackURL(stack), "rel": "stack"],
            ],
        ]
    }

    /// `GET …/events`: newest first unless `sort_dir=asc`; `limit`, `marker`, `resource_status`,
    /// `resource_action`, `resource_name` filter.
    func eventList(_ stack: SimStack, _ events: [SimStackEvent], query: [String: String]) -> SimResponse {
        var selected = Array(events.enumerated()).sorted { ($0.element.time, $0.offset) > ($1.element.time, $1.offset) }
            .map(\.element)
        if query["sort_dir"] == "asc" { selected.reverse() }
        if let status = query["resource_status"] {
            selected = selected.filter { $0.status.hasSuffix("_" + status) || $0.status == status }
        }
        if let action = query["resource_action"] { selected = selected.filter { $0.status.hasPrefix(action + "_") } }
        if let name = query["resource_name"] { selected = selected.filter { $0.resourceName == name } }
        if let marker = query["marker"], let position = selected.firstIndex(where: { $0.id == marker }) {
            selected = Array(selected[(position + 1)...])
        }
        if let limit = query["limit"].flatMap({ Int($0) }), limit >= 0 { selected = Array(selected.prefix(limit)) }
        return .json(200, ["events": selected.map { eventJSON(stack, $0) }])
    }

    /// A 302 to `location`, with a small HTML body like Heat's.
    static func heatRedirect(_ location: String) -> SimResponse {
        var response = SimResponse.text(
            302,
            "302 Found\n\nThe resource was found at \(location); you should be redirected automatically.\n",
            contentType: "text/html; charset=UTF-8"
        )
        response.headers.append(("Location", location))
        return response
    }

    static func heatAccepted() -> SimResponse {
        .text(202, "202 Accepted\n\nThe request is accepted for processing.\n", contentType: "text/html; charset=UTF-8")
    }
}
