import Foundation

/// Heat v1 routing (NOTES §2): stacks by name and id, redirects, sub-resources.
extension SimulatorState {
    /// What Heat serves without a token: the versions document and the health check.
    func heatUnauthenticated(_ request: SimRequest) -> SimResponse? {
        switch request.segments {
        case []: return heatVersions()
        case ["healthcheck"]: return .text(200, "OK")
        default: return nil
        }
    }

    private func heatVersions() -> SimResponse {
        .json(
            300,
            [
                "versions": [
                    [
                        "id": "v1.0", "status": "CURRENT",
                        "links": [["rel": "self", "href": "\(baseURL)/heat/v1/"]],
                    ]
                ]
            ]
        )
    }

    /// Stacks are already settled: `dispatch` does it once per request, for every service.
    func heat(_ request: SimRequest, token: KeystoneState.Token) -> SimResponse {
        let segments = request.segments
        guard segments.count >= 3, segments[0] == "v1" else { return .notFound() }
        guard segments[1] == token.projectID else {
            return .heatError(
                403,
                "Forbidden",
                explanation: "Access was denied to this resource.",
                type: "HTTPForbidden",
                message: "Access was denied to this resource."
            )
        }
        let rest = Array(segments.dropFirst(3))
        switch segments[2] {
        case "stacks": return stacks(request, rest, token: token)
        case "validate" where request.method == "POST" && rest.isEmpty: return validateTemplate(request)
        default: return .notFound()
        }
    }

    private func stacks(_ request: SimRequest, _ path: [String], token: KeystoneState.Token) -> SimResponse {
        let projectID = token.projectID
        if path.isEmpty {
            switch request.method {
            case "GET": return listStacks(request, projectID: projectID, allProjects: isAdmin(token))
            case "POST": return createStack(request, token: token)
            default: return Self.methodNotAllowed()
            }
        }
        if path == ["detail"], request.method == "GET" {
            return listStacks(request, projectID: projectID, allProjects: isAdmin(token))
        }
        if path == ["preview"], request.method == "POST" { return previewCreate(request, token: token) }
        guard path.count >= 2 else {
            guard let stack = lookupStack(path[0], projectID: projectID) else { return .stackNotFound(path[0]) }
            return Self.heatRedirect(stackURL(stack))
        }
        if let index = heat.index(id: path[1]), heat.stacks[index].name == path[0],
            heat.stacks[index].projectID == projectID
        {
            return stack(request, index, Array(path.dropFirst(2)))
        }
        let redirected: Set<String> = ["resources", "events", "template", "environment", "files"]
        if redirected.contains(path[1]), let stack = lookupStack(path[0], projectID: projectID) {
            return Self.heatRedirect(stackURL(stack) + "/" + path.dropFirst().joined(separator: "/"))
        }
        return .stackNotFound(path[0])
    }

    /// A live stack by name (newest) or by id.
    /// Like real Heat, a stack deleted less than 0.3 s ago is still found by name (NOTES §0).
    func lookupStack(_ key: String, projectID: String) -> SimStack? {
        var indices = heat.indicesByName[key] ?? []
        if let index = heat.index(id: key) { indices.append(index) }
        let matches = indices.sorted().map { heat.stacks[$0] }.filter { $0.projectID == projectID }
        if let live = matches.last(where: { !$0.isDeleted }) { return live }
        let recent = now.addingTimeInterval(-0.3)
        return matches.last { ($0.deletedAt ?? .distantPast) > recent }
    }

    private func stack(_ request: SimRequest, _ index: Int, _ path: [String]) -> SimResponse {
        let stack = heat.stacks[index]
        switch (request.method, path.first, path.count) {
        case ("GET", nil, _): return .json(200, ["stack": stackDetail(stack)])
        case ("DELETE", nil, _): return deleteStack(index)
        case ("PUT", nil, _), ("PATCH", nil, _):
            return updateStack(index, request, patch: request.method == "PATCH", preview: false)
        case ("PUT", "preview", 1), ("PATCH", "preview", 1):
            return updateStack(index, request, patch: request.method == "PATCH", preview: true)
        case ("POST", "actions", 1): return stackAction(index, request)
        case ("DELETE", "abandon", 1):
            return .heatBadRequest("Stack Abandon is not supported.", type: "NotSupported")
        case ("GET", "outputs", 1): return .json(200, ["outputs": outputs(stack, values: false)])
        case ("GET", "outputs", 2):
            guard let output = outputs(stack, values: true).first(where: { $0["output_key"] as? String == path[1] })
            else {
                return .heatError(
                    404,
                    "Not Found",
                    explanation: "The resource could not be found.",
                    type: "NotFound",
                    message: "Specified output key {} not found."
                )
            }
            return .json(200, ["output": output])
        case ("GET", "resources", 1):
            return .json(200, ["resources": stack.resources.map { resourceJSON(stack, $0, detail: false) }])
        case ("GET", "resources", _):
            guard let resource = stack.resources.first(where: { $0.name == path[1] }) else {
                return .heatError(
                    404,
                    "Not Found",
                    explanation: "The resource could not be found.",
                    type: "EntityNotFound",
                    message: "The Resource (\(path[1])) could not be found."
                )
            }
            if path.count == 3, path[2] == "events" {
                return eventList(stack, stack.events.filter { $0.resourceName == resource.name }, query: request.query)
            }
            return .json(200, ["resource": resourceJSON(stack, resource, detail: true)])
        case ("GET", "events", 1): return eventList(stack, stack.events, query: request.query)
        case ("GET", "template", 1): return .json(200, HeatJSON.value(stack.template))
        case ("GET", "environment", 1):
            return .json(
                200,
                [
                    "resource_registry": ["resources": [String: Any]()],
                    "parameters": HeatJSON.object(stack.givenParameters), "parameter_defaults": [String: Any](),
                    "event_sinks": [Any](), "encrypted_param_names": [String](),
                ]
            )
        default: return .notFound()
        }
    }

    static func methodNotAllowed() -> SimResponse {
        .heatError(
            405,
            "Method Not Allowed",
            explanation: "The method specified is not allowed for this resource.",
            type: "HTTPMethodNotAllowed",
            message: nil
        )
    }
}
