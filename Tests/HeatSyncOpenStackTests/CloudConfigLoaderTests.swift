import Foundation
import HeatSyncOpenStack
import Testing

@Suite struct CloudConfigLoaderTests {
    func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("clouds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: root.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return root.path
    }

    static let clouds = """
        clouds:
          prod:
            auth_type: v3applicationcredential
            auth:
              auth_url: https://keystone.example:5000/v3
              application_credential_id: abc
            region_name: RegionTwo
            cacert: /etc/ssl/private-ca.pem
            orchestration_endpoint_override: https://heat.example/v1/p
          dev:
            auth:
              auth_url: http://127.0.0.1:5000/v3
              username: demo
              password: pw
              project_name: demo
          odd:
            auth_type: token
            auth: {auth_url: http://x}
        """

    @Test("clouds.yaml with secure.yaml merged, selected by OS_CLOUD")
    func loadsAndMerges() throws {
        let dir = try folder([
            "clouds.yaml": Self.clouds,
            "secure.yaml": "clouds:\n  prod:\n    auth:\n      application_credential_secret: s3cret\n",
        ])
        let config = try CloudConfigLoader.load(
            cloud: nil,
            environment: [
                "OS_CLOUD": "prod", "OS_CLIENT_CONFIG_FILE": dir + "/clouds.yaml",
                "OS_CLIENT_SECURE_FILE": dir + "/secure.yaml",
            ]
        )
        #expect(config.region == "RegionTwo")
        #expect(config.tls.caFile == "/etc/ssl/private-ca.pem")
        #expect(config.endpointOverrides["orchestration"] == "https://heat.example/v1/p")
        #expect(
            config.credentials
                == .applicationCredential(id: "abc", name: nil, username: nil, userDomain: "Default", secret: "s3cret")
        )
        #expect(!config.description.contains("s3cret"))
    }

    @Test(
        "errors name the cloud, the file and the missing field",
        arguments: [
            ("staging", "cloud 'staging' is not in"),
            ("odd", "auth_type 'token' is not supported"),
            ("prod", "auth.application_credential_secret is missing"),
        ]
    )
    func errors(cloud: String, message: String) throws {
        let dir = try folder(["clouds.yaml": Self.clouds])
        do {
            _ = try CloudConfigLoader.load(cloud: cloud, environment: ["OS_CLIENT_CONFIG_FILE": dir + "/clouds.yaml"])
            Issue.record("expected an error")
        } catch let error as OpenStackError {
            #expect(error.isConfiguration)
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("plain OS_* variables work without clouds.yaml")
    func environment() throws {
        let config = try CloudConfigLoader.load(
            cloud: nil,
            environment: [
                "OS_AUTH_URL": "http://k:5000/v3", "OS_USERNAME": "u", "OS_PASSWORD": "p", "OS_PROJECT_NAME": "demo",
                "OS_REGION_NAME": "R1", "OS_INSECURE": "true",
            ]
        )
        #expect(config.region == "R1")
        #expect(config.tls.verify == false)
        #expect(config.principal == "user u, project demo")
    }

    @Test("no cloud at all says how to choose one")
    func nothing() {
        #expect(throws: OpenStackError.self) { try CloudConfigLoader.load(cloud: nil, environment: [:]) }
    }
}
