import Foundation

/// Create, update (PUT/PATCH, preview), delete, actions and template validation.
extension SimulatorState {
    func createStack(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        guard let body = request.jsonObject else { return .heatBadRequest("The request body is not JSON.") }
        let parsed: HeatStackRequest
        do { parsed = try HeatStackRequest(body) } catch { return error.response }
        guard let name = body["stack_name"] as? String, !name.isEmpty else {
            return .heatBadRequest("No stack name specified")
        }
        if let refusal = Self.adoptRefusal(body["adopt_stack_data"]) { return refusal }
        guard name.range(of: "^[a-zA-Z][a-zA-Z0-9_.-]{0,254}$", options: .regularExpression) != nil else {
            return .heatBadRequest(
                "Invalid stack name \(name) must contain only alphanumeric or \"_-.\" characters, "
                    + "must start with alpha and must be 255 characters or less.",
                type: "StackValidationFailed"
            )
        }
        guard let template = parsed.template else { return .heatBadRequest("No template specified") }
        let projectID = token.projectID
        let sameName = (heat.indicesByName[name] ?? []).map { heat.stacks[$0] }
        if sameName.contains(where: { $0.projectID == projectID && !$0.isDeleted }) {
            return .heatError(
                409,
                "Conflict",
                explanation: "There was a conflict when trying to complete your request.",
                type: "StackExists",
                message: "The Stack (\(name)) already exists."
            )
        }
        let limit = configuration.maxStacksPerProject
        if limit >= 0, heat.stacks.count(where: { $0.projectID == projectID && !$0.isDeleted }) >= limit {
            return .heatBadRequest(
                "You have reached the maximum stacks per tenant, \(limit). Please delete some stacks.",
                type: "RequestLimitExceeded"
            )
        }
        let time = now
        var stack = SimStack(
            id: uuid(),
            name: name,
            projectID: projectID,
            owner: keystone.users[token.userID]?.config.name ?? "",
            template: HeatJSON.data(template),
            givenParameters: HeatJSON.data(parsed.parameters ?? [:]),
            tags: parsed.tags,
            timeoutMinutes: Int(HeatJSON.string(body["timeout_mins"])),
            disableRollback: body["disable_rollback"].map { HeatJSON.string($0).lowercased() == "true" } ?? true,
            createdAt: time,
            action: "CREATE",
            status: "IN_PROGRESS",
            statusReason: "Stack CREATE started",
            serial: heat.stacks.count
        )
        stack.description = template["description"] as? String ?? ""
        do {
            let typed = try HeatParameters.typed(template: template, given: parsed.parameters ?? [:])
            stack.resources = try materialize(
                template: template,
                parameters: withPseudoParameters(typed, stack),
                stackName: name,
                old: [],
                at: time
            ).resources
        } catch let error as HeatTemplateError {
            return .heatBadRequest(error.message, type: error.type)
        } catch {
            return .heatBadRequest("\(error)")
        }
        if token.applicationCredentialID != nil, !configuration.applicationCredentialTrusts {
            // Heat's trust creation fails in Keystone; the user only sees a bare 403.
            return .heatError(
                403,
                "Forbidden",
                explanation: "Access was denied to this resource.",
                type: "Forbidden",
                message: nil
            )
        }
        var outcome = PendingOperation.Outcome.complete
        switch faults.consumeStackFault() {
        case .fail(let reason): outcome = .failed("Resource CREATE failed: " + reason)
        case .stuck: outcome = .stuck
        case nil: break
        }
        heat.append(stack)
        startOperation(
            heat.stacks.count - 1,
            action: "CREATE",
            duration: configuration.createDuration,
            outcome: outcome
        )
        let url = stackURL(stack)
        return .json(
            201,
            ["stack": ["id": stack.id, "links": [["href": url, "rel": "self"]]]],
            headers: [("Location", url)]
        )
    }

    /// Adopt is off by default (NOTES §2): the adopt data is parsed first, then refused.
    static func adoptRefusal(_ data: Any?) -> SimResponse? {
        guard let data, !(data is NSNull) else { return nil }
        let text = data as? String ?? ""
        let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        guard object?["template"] != nil else { return .heatBadRequest("Invalid adopt data: 'template'") }
        return .heatBadRequest("Stack Adopt is not supported.", type: "NotSupported")
    }

    /// `200 null` (Foundation's JSON writer refuses top-level fragments).
    static var jsonNull: SimResponse {
        SimResponse(status: 200, headers: [("Content-Type", "application/json")], body: Data("null".utf8))
    }

    func withPseudoParameters(_ typed: [String: Any], _ stack: SimStack) -> [String: Any] {
        var out = typed
        out["OS::stack_id"] = stack.id
        out["OS::stack_name"] = stack.name
        out["OS::project_id"] = stack.projectID
        return out
    }

    /// PUT replaces template, parameters and tags; PATCH reuses what is not sent.
    func updateStack(_ index: Int, _ request: SimRequest, patch: Bool, preview: Bool) -> SimResponse {
        var stack = heat.stacks[index]
        if stack.isDeleted { return .stackNotFound(stack.name) }
        let parsed: HeatStackRequest
        do { parsed = try HeatStackRequest(request.jsonObject ?? [:]) } catch { return error.response }
        guard let template = parsed.template ?? (patch ? HeatJSON.object(stack.template) : nil) else {
            return .heatBadRequest("No template specified")
        }
        var given = patch ? HeatJSON.object(stack.givenParameters) : [:]
        for (key, value) in parsed.parameters ?? [:] { given[key] = value }
        let time = now
        let changes: [String: String]
        do {
            let typed = try HeatParameters.typed(template: template, given: given)
            let result = try materialize(
                template: template,
                parameters: withPseudoParameters(typed, stack),
                stackName: stack.name,
                old: stack.resources,
                at: time
            )
            changes = result.changes
            if !preview { stack.resources = result.resources }
        } catch let error as HeatTemplateError {
            return .heatBadRequest(error.message, type: error.type)
        } catch {
            return .heatBadRequest("\(error)")
        }
        if preview { return .json(200, ["resource_changes": previewChanges(stack, changes, template)]) }
        stack.previous = StackRevision(
            template: heat.stacks[index].template,
            givenParameters: heat.stacks[index].givenParameters,
            resources: heat.stacks[index].resources
        )
        if let flag = request.jsonObject?["disable_rollback"] {
            stack.disableRollback = HeatJSON.string(flag).lowercased() == "true"
        }
        stack.template = HeatJSON.data(template)
        stack.givenParameters = HeatJSON.data(given)
        if parsed.tagsGiven {
            stack.tags = parsed.tags
        } else if !patch {
            stack.tags = []
        }
        if let minutes = Int(HeatJSON.string(request.jsonObject?["timeout_mins"])) { stack.timeoutMinutes = minutes }
        stack.updatedAt = time
        heat[index] = stack
        startOperation(index, action: "UPDATE", duration: configuration.updateDuration)
        return Self.heatAccepted()
    }

    private func previewChanges(
        _ stack: SimStack,
        _ changes: [String: String],
        _ template: [String: Any]
    )
        -> [String: Any]
    {
        var out: [String: [[String: Any]]] = [
            "unchanged": [], "updated": [], "replaced": [], "added": [], "deleted": [],
        ]
        let definitions = template["resources"] as? [String: Any] ?? [:]
        for name in changes.keys.sorted() {
            let category = changes[name] ?? "unchanged"
            let existing = stack.resources.first { $0.name == name }
            let type = existing?.type ?? ((definitions[name] as? [String: Any])?["type"] as? String ?? "")
            out[category, default: []].append([
                "resource_name": name,
                "resource_type": category == "replaced" ? type : type,
                "physical_resource_id": existing?.physicalID ?? "",
                "resource_action": existing == nil ? "INIT" : stack.action,
                "resource_status": existing == nil ? "COMPLETE" : stack.status,
                "resource_identity": [
                    "stack_name": stack.name, "stack_id": stack.id, "tenant": stack.projectID,
                    "path": "/resources/\(name)",
                ],
                "stack_identity": [
                    "stack_name": stack.name, "stack_id": stack.id, "tenant": stack.projectID,
                    "path": "",
                ],
                "attributes": [String: Any](),
                "required_by": [String](),
            ])
        }
        return out
    }

    func deleteStack(_ index: Int) -> SimResponse {
        let stack = heat.stacks[index]
        if stack.isDeleted { return .stackNotFound(stack.name) }
        if stack.pending?.action != "DELETE" {
            startOperation(index, action: "DELETE", duration: configuration.deleteDuration)
        }
        return SimResponse(status: 204)
    }

    /// `POST …/actions`: check, suspend, resume (200 `null`), cancel_update.
    func stackAction(_ index: Int, _ request: SimRequest) -> SimResponse {
        let stack = heat.stacks[index]
        guard let body = request.jsonObject, body.count == 1, let key = body.keys.first else {
            return .heatBadRequest("Invalid action specified")
        }
        if key == "cancel_update" || key == "cancel_without_rollback" {
            guard stack.action == "UPDATE", stack.status == "IN_PROGRESS" else {
                return .heatBadRequest(
                    "Cancelling update when stack is \(stack.fullStatus) is not supported.",
                    type: "NotSupported"
                )
            }
            heat[index].pending = PendingOperation(
                action: "UPDATE",
                endsAt: now,
                outcome: .failed("Stack UPDATE cancelled")
            )
            settleStacks()
            return Self.jsonNull
        }
        guard ["check", "suspend", "resume"].contains(key) else {
            return .heatBadRequest("Invalid action \(key) specified")
        }
        if stack.status == "IN_PROGRESS" {
            return .heatError(
                409,
                "Conflict",
                explanation: "There was a conflict when trying to complete your request.",
                type: "ActionInProgress",
                message: "Stack \(stack.name) already has an action (\(stack.action)) in progress."
            )
        }
        startOperation(index, action: key.uppercased(), duration: configuration.updateDuration)
        return Self.jsonNull
    }

    /// `POST /validate {"template"}` → `Description`, `Parameters`, `Environment`.
    func validateTemplate(_ request: SimRequest) -> SimResponse {
        let parsed: HeatStackRequest
        do { parsed = try HeatStackRequest(request.jsonObject ?? [:]) } catch { return error.response }
        guard let template = parsed.template else { return .heatBadRequest("No template specified") }
        let names = [
            "string": "String", "number": "Number", "boolean": "Boolean", "json": "Json",
            "comma_delimited_list": "CommaDelimitedList",
        ]
        var parameters: [String: Any] = [:]
        for (name, value) in template["parameters"] as? [String: Any] ?? [:] {
            let spec = value as? [String: Any] ?? [:]
            var out: [String: Any] = [
                "Type": names[(spec["type"] as? String ?? "string").lowercased()] ?? "String",
                "NoEcho": HeatJSON.string(spec["hidden"] ?? false) == "True" ? "true" : "false",
                "Label": spec["label"] as? String ?? name,
                "Description": spec["description"] as? String ?? "",
            ]
            if let value = spec["default"] { out["Default"] = value }
            parameters[name] = out
        }
        return .json(
            200,
            [
                "Description": template["description"] as? String ?? "No description",
                "Parameters": parameters,
                "Environment": [
                    "resource_registry": ["resources": [String: Any]()], "parameters": parsed.parameters ?? [:],
                    "parameter_defaults": [String: Any](), "event_sinks": [Any](), "encrypted_param_names": [String](),
                ],
            ]
        )
    }
}
