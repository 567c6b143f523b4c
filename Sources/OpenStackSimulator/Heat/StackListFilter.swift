import Foundation

/// The filters of `GET /stacks` (NOTES §2): project, deleted, tags (all / any / not / not any),
/// exact name, status and full status.
struct StackListFilter {
    var projectID: String
    var allProjects: Bool
    var showDeleted: Bool
    var tags: [String]?
    var anyTags: [String]?
    var notTags: [String]?
    var notAnyTags: [String]?
    var name: String?
    var status: String?
    var fullStatus: String?

    init(query: [String: String], projectID: String, allProjects: Bool) {
        self.projectID = projectID
        self.allProjects = allProjects
        showDeleted = query["show_deleted"] == "true"
        tags = Self.tagList(query["tags"])
        anyTags = Self.tagList(query["tags_any"])
        notTags = Self.tagList(query["not_tags"])
        notAnyTags = Self.tagList(query["not_tags_any"])
        name = query["stack_name"] ?? query["name"]
        status = query["status"]
        fullStatus = query["stack_status"]
    }

    @inline(__always)
    func matches(_ stack: borrowing SimStack) -> Bool {
        guard allProjects || stack.projectID == projectID, showDeleted || !stack.isDeleted else { return false }
        let have = stack.tags ?? []
        if let tags, !tags.allSatisfy(have.contains) { return false }
        if let anyTags, !anyTags.contains(where: have.contains) { return false }
        if let notTags, !notTags.isEmpty, notTags.allSatisfy(have.contains) { return false }
        if let notAnyTags, notAnyTags.contains(where: have.contains) { return false }
        if let name, stack.name != name { return false }
        if let status, stack.status != status { return false }
        if let fullStatus, stack.fullStatus != fullStatus { return false }
        return true
    }

    /// A comma-separated tag filter, nil when absent.
    private static func tagList(_ text: String?) -> [String]? { text.map { $0.components(separatedBy: ",") } }
}
