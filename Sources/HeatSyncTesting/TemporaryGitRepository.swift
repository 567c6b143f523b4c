import Foundation
public import HeatSyncGit

/// A git repository in its own temporary folder, built with libgit2 (no `git` binary),
/// removed when the value goes away. Tests run in parallel, so each gets a unique folder.
///
/// ```swift
/// let remote = try TemporaryGitRepository()
/// let first = try remote.commit(SampleRepository.files(projects: 1, vmsPerProject: 2))
/// ```
public final class TemporaryGitRepository {
    /// The folder holding the repository (and anything else the test puts there).
    public let folder: String
    public let repository: GitRepository
    /// The repository's path.
    public var path: String { repository.path }
    /// A `file://` URL of the repository, for remotes.
    public var url: String { "file://" + path }

    public init(bare: Bool = true) throws {
        folder =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("heatsync-git-\(UUID().uuidString)").path
        repository = try GitRepository.create(at: folder + "/repo.git", bare: bare)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// A path for another repository or cache beside this one.
    public func sibling(_ name: String) -> String { folder + "/" + name }

    /// Commits `files` (path → text; nil removes) on top of `branch`'s tip and moves the branch.
    @discardableResult
    public func commit(
        _ files: [String: String?],
        message: String = "change",
        branch: String = "main",
        author: GitSignature = GitSignature(name: "Test Author", email: "author@example.com", time: 1_700_000_000)
    ) throws -> GitObjectID {
        let reference = "refs/heads/\(branch)"
        return try repository.commit(
            files.mapValues { $0.map { Array($0.utf8) } },
            parent: try repository.tip(ofReference: reference),
            message: message,
            author: author,
            updating: reference
        )
    }
}

/// Small valid repositories in the format of DESIGN §1.
public enum SampleRepository {
    /// A minimal template with the parameters heatsync renders and the outputs it requires.
    public static let template = """
        heat_template_version: 2018-08-31
        description: Minimal test template (engine-local resources only).
        parameters:
          name: {type: string}
          image: {type: string}
          flavor: {type: string}
          key_name: {type: string, default: ""}
          network: {type: string, default: ""}
          subnet: {type: string, default: ""}
          floating_network: {type: string, default: ""}
          security_groups: {type: comma_delimited_list, default: ""}
          public_ip: {type: boolean, default: false}
          user_data: {type: string, default: ""}
        resources:
          server:
            type: OS::Heat::None
            properties: {name: {get_param: name}, image: {get_param: image}, flavor: {get_param: flavor}}
        outputs:
          server_id: {value: {get_resource: server}}
          private_ip: {value: "192.0.2.10"}
          public_ip: {value: ""}

        """

    public static func project(_ name: String) -> String {
        """
        apiVersion: heatsync/v1
        kind: Project
        metadata:
          name: \(name)
        spec:
          cloud: testcloud
          region: RegionOne
          networkProfiles:
            default: {network: private, subnet: private-subnet, floatingNetwork: public}

        """
    }

    public static func vm(_ name: String, flavor: String = "m1.small") -> String {
        """
        apiVersion: heatsync/v1
        kind: VirtualMachine
        metadata:
          name: \(name)
        spec:
          template: basic@v1
          image: ubuntu-22.04
          flavor: \(flavor)

        """
    }

    /// `templates/basic@v1.yaml`, and per project `p<i>` a `project.yaml` and VMs `vm-<j>`
    /// each in `projects/p<i>/vms/vm-<j>.yaml`.
    public static func files(projects: Int, vmsPerProject: Int) -> [String: String?] {
        var files: [String: String?] = ["templates/basic@v1.yaml": template]
        for p in 0..<projects {
            files["projects/p\(p)/project.yaml"] = project("p\(p)")
            for v in 0..<vmsPerProject { files["projects/p\(p)/vms/vm-\(v).yaml"] = vm("vm-\(v)") }
        }
        return files
    }
}
