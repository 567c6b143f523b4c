import Foundation
import HeatSyncCore

/// Finds and reads a cloud: clouds.yaml on the standard search path with secure.yaml merged
/// over it, selected by name or `OS_CLOUD`; or the plain `OS_*` environment.
public enum CloudConfigLoader {
    /// The files searched, first found wins: `OS_CLIENT_CONFIG_FILE`, `./clouds.yaml`,
    /// `~/.config/openstack/clouds.yaml`, `/etc/openstack/clouds.yaml` (and the same for secure.yaml).
    public static func searchPath(_ file: String, environment: [String: String]) -> [String] {
        var paths: [String] = []
        let variable = file == "clouds.yaml" ? "OS_CLIENT_CONFIG_FILE" : "OS_CLIENT_SECURE_FILE"
        if let explicit = environment[variable] { paths.append(explicit) }
        paths.append(FileManager.default.currentDirectoryPath + "/" + file)
        if let home = environment["HOME"] { paths.append(home + "/.config/openstack/" + file) }
        paths.append("/etc/openstack/" + file)
        return paths
    }

    public static func load(cloud: String?, environment: [String: String]) throws -> CloudConfig {
        guard let name = cloud ?? environment["OS_CLOUD"] else {
            guard environment["OS_AUTH_URL"] != nil else {
                throw OpenStackError.configuration(
                    "no cloud selected: pass --cloud NAME or set OS_CLOUD (clouds.yaml), or set OS_AUTH_URL and the other OS_* variables"
                )
            }
            return try fromEnvironment(environment)
        }
        let cloudsPaths = searchPath("clouds.yaml", environment: environment)
        guard let cloudsPath = cloudsPaths.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw OpenStackError.configuration(
                "cloud '\(name)': no clouds.yaml found (looked in \(cloudsPaths.joined(separator: ", ")))"
            )
        }
        let clouds = try read(cloudsPath)
        let secure = try searchPath("secure.yaml", environment: environment)
            .first { FileManager.default.fileExists(atPath: $0) }
            .map(read)
        guard case .object(let all)? = clouds["clouds"] else {
            throw OpenStackError.configuration("\(cloudsPath): no 'clouds' mapping")
        }
        guard var entry = all[name] else {
            let known = all.keys.sorted().joined(separator: ", ")
            throw OpenStackError.configuration("cloud '\(name)' is not in \(cloudsPath) (it has: \(known))")
        }
        if case .object(let secureClouds)? = secure?["clouds"], let overlay = secureClouds[name] {
            entry = merge(entry, overlay)
        }
        return try make(name: name, entry: entry, source: cloudsPath)
    }

    static func read(_ path: String) throws -> [String: JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OpenStackError.configuration("cannot read \(path)")
        }
        let yaml = YAMLReader.read(Array(data), path: path)
        if let problem = yaml.diagnostics.items.first(where: { $0.severity == .error }) {
            throw OpenStackError.configuration("\(problem.location): \(problem.message)")
        }
        guard let document = yaml.documents.first, case .object(let top) = JSONValue(heatYAML: document) else {
            throw OpenStackError.configuration("\(path): expected a mapping")
        }
        return top
    }

    static func merge(_ base: JSONValue, _ overlay: JSONValue) -> JSONValue {
        guard case .object(var merged) = base, case .object(let extra) = overlay else { return overlay }
        for (key, value) in extra { merged[key] = merged[key].map { merge($0, value) } ?? value }
        return .object(merged)
    }

    static func make(name: String, entry: JSONValue, source: String) throws -> CloudConfig {
        guard case .object(let fields) = entry else {
            throw OpenStackError.configuration("cloud '\(name)' in \(source) is not a mapping")
        }
        let auth: [String: JSONValue] = {
            if case .object(let auth)? = fields["auth"] { return auth }
            return [:]
        }()
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let text)?: return text
            case .number(let text)?: return text
            case .bool(let flag)?: return flag ? "true" : "false"
            default: return nil
            }
        }
        func required(_ key: String) throws -> String {
            guard let value = text(auth[key]), !value.isEmpty else {
                throw OpenStackError.configuration("cloud '\(name)' in \(source): auth.\(key) is missing")
            }
            return value
        }
        let authType = text(fields["auth_type"]) ?? "password"
        let credentials: CloudConfig.Credentials
        switch authType {
        case "password", "v3password":
            credentials = .password(
                username: try required("username"),
                userDomain: text(auth["user_domain_name"]) ?? text(auth["user_domain_id"]) ?? "Default",
                password: try required("password"),
                projectName: text(auth["project_name"]),
                projectID: text(auth["project_id"]),
                projectDomain: text(auth["project_domain_name"]) ?? text(auth["project_domain_id"]) ?? "Default"
            )
        case "v3applicationcredential", "applicationcredential":
            let id = text(auth["application_credential_id"])
            let credentialName = text(auth["application_credential_name"])
            guard id != nil || credentialName != nil else {
                throw OpenStackError.configuration(
                    "cloud '\(name)' in \(source): auth.application_credential_id (or _name) is missing"
                )
            }
            credentials = .applicationCredential(
                id: id,
                name: credentialName,
                username: text(auth["username"]),
                userDomain: text(auth["user_domain_name"]) ?? "Default",
                secret: try required("application_credential_secret")
            )
        default:
            throw OpenStackError.configuration(
                "cloud '\(name)' in \(source): auth_type '\(authType)' is not supported; use password or v3applicationcredential"
            )
        }
        var overrides: [String: String] = [:]
        for (key, value) in fields where key.hasSuffix("_endpoint_override") {
            overrides[String(key.dropLast("_endpoint_override".count))] = text(value)
        }
        return CloudConfig(
            name: name,
            authURL: try required("auth_url"),
            credentials: credentials,
            region: text(fields["region_name"]),
            interface: text(fields["interface"]) ?? "public",
            tls: TLSOptions(
                caFile: text(fields["cacert"]),
                certFile: text(fields["cert"]),
                keyFile: text(fields["key"]),
                verify: text(fields["verify"]) != "false"
            ),
            endpointOverrides: overrides
        )
    }

    static func fromEnvironment(_ environment: [String: String]) throws -> CloudConfig {
        var auth: [String: JSONValue] = [:]
        let mapping = [
            "OS_AUTH_URL": "auth_url", "OS_USERNAME": "username", "OS_PASSWORD": "password",
            "OS_PROJECT_NAME": "project_name", "OS_PROJECT_ID": "project_id",
            "OS_USER_DOMAIN_NAME": "user_domain_name", "OS_PROJECT_DOMAIN_NAME": "project_domain_name",
            "OS_APPLICATION_CREDENTIAL_ID": "application_credential_id",
            "OS_APPLICATION_CREDENTIAL_NAME": "application_credential_name",
            "OS_APPLICATION_CREDENTIAL_SECRET": "application_credential_secret",
        ]
        for (variable, key) in mapping { if let value = environment[variable] { auth[key] = .string(value) } }
        var fields: [String: JSONValue] = ["auth": .object(auth)]
        let others = [
            "OS_AUTH_TYPE": "auth_type", "OS_REGION_NAME": "region_name", "OS_INTERFACE": "interface",
            "OS_CACERT": "cacert", "OS_CERT": "cert", "OS_KEY": "key",
        ]
        for (variable, key) in others { if let value = environment[variable] { fields[key] = .string(value) } }
        if environment["OS_INSECURE"] == "true" { fields["verify"] = .bool(false) }
        return try make(name: "environment", entry: .object(fields), source: "the OS_* environment")
    }
}
