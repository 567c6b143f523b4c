import Foundation

/// A plan: what applying would do to every VM, bound to the desired state and the observed
/// stacks it was made from. Plans are data; renderers turn them into text, JSON, Markdown.
public struct Plan: Sendable, Hashable, Codable {
    public static let formatVersion = "1"

    public var formatVersion: String
    public var options: PlanOptions
    /// The commit of the desired state, when it came from git.
    public var desiredCommit: String?
    /// SHA-256 over the desired files (see ``DesiredState/digest``).
    public var desiredDigest: String
    /// A digest of the observed stacks that matter to the plan; `apply` refuses a saved plan
    /// whose fingerprint no longer matches the cloud.
    public var observedFingerprint: String
    public var projects: [ProjectPlan]
    public var diagnostics: [Diagnostic]
    public var summary: PlanSummary
    /// What the pull request under review changed, when the plan was made for one
    /// (`plan --base`); each change then says whether it is in scope.
    public var review: ReviewScope?
    /// SHA-256 over the plan's canonical JSON without this field.
    public var hash: String

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case options
        case desiredCommit = "desired_commit"
        case desiredDigest = "desired_digest"
        case observedFingerprint = "observed_fingerprint"
        case projects, diagnostics, summary, review, hash
    }

    public init(
        options: PlanOptions,
        desiredCommit: String?,
        desiredDigest: String,
        observedFingerprint: String,
        projects: [ProjectPlan],
        diagnostics: [Diagnostic],
        review: ReviewScope? = nil
    ) {
        formatVersion = Plan.formatVersion
        self.options = options
        self.desiredCommit = desiredCommit
        self.desiredDigest = desiredDigest
        self.observedFingerprint = observedFingerprint
        self.projects = projects
        self.diagnostics = diagnostics
        self.review = review
        summary = PlanSummary(projects.flatMap(\.changes))
        hash = ""
        hash = Hex.sha256(canonicalJSON())
    }

    public var changes: [PlannedChange] { projects.flatMap(\.changes) }

    /// The changes that come from files the pull request changed (empty without a review scope).
    public var changesInReview: [PlannedChange] { changes.filter { $0.changedInReview == true } }

    /// Errors in manifests, or conflicts with stacks heatsync must not touch.
    public var hasErrors: Bool {
        diagnostics.contains { $0.severity == .error } || summary.conflict > 0
    }

    /// Whether anything differs between the repository and the cloud (refused changes count:
    /// they are pending, only held back).
    public var hasPendingChanges: Bool {
        changes.contains { $0.action.changesCloud || $0.action == .orphan }
    }

    /// 0 = no changes, 1 = errors, 2 = changes pending (`terraform plan -detailed-exitcode`).
    public var exitCode: Int32 {
        if hasErrors { return 1 }
        return hasPendingChanges ? 2 : 0
    }

    /// Sorted keys, no slashes escaped: stable bytes for hashing and golden files.
    public func canonicalJSON(pretty: Bool = false) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        var copy = self
        if !pretty { copy.hash = "" }
        return Array((try? encoder.encode(copy)) ?? Data())
    }
}

/// The plan of one project.
public struct ProjectPlan: Sendable, Hashable, Codable {
    public var name: String
    public var cloud: String?
    public var region: String?
    /// False for a project that exists only in stack tags (no folder in the repository).
    public var inRepository: Bool
    public var hasErrors: Bool
    /// Sorted by VM (or stack) name.
    public var changes: [PlannedChange]

    enum CodingKeys: String, CodingKey {
        case name, cloud, region, changes
        case inRepository = "in_repository"
        case hasErrors = "has_errors"
    }
}

/// Counts by kind. `update` includes retries; `replace` includes recreates.
public struct PlanSummary: Sendable, Hashable, Codable {
    public var create = 0
    public var update = 0
    public var replace = 0
    public var delete = 0
    public var adopt = 0
    public var start = 0
    public var stop = 0
    public var orphan = 0
    public var conflict = 0
    public var refused = 0
    public var noop = 0

    init(_ changes: [PlannedChange]) {
        for change in changes {
            if change.isRefused {
                refused += 1
                continue
            }
            switch change.action {
            case .create: create += 1
            case .update, .retry: update += 1
            case .replace, .recreate: replace += 1
            case .delete: delete += 1
            case .adopt: adopt += 1
            case .start: start += 1
            case .stop: stop += 1
            case .orphan: orphan += 1
            case .conflict: conflict += 1
            case .noop: noop += 1
            }
        }
    }

    /// Changes applying would carry out.
    public var executable: Int { create + update + replace + delete + adopt + start + stop }

    /// `Plan: 2 to create, 1 to update, 0 to delete, 0 to adopt.` plus the kinds that occur.
    public var sentence: String {
        var parts = ["\(create) to create", "\(update) to update"]
        if replace > 0 { parts.append("\(replace) to replace") }
        parts.append("\(delete) to delete")
        parts.append("\(adopt) to adopt")
        if start > 0 { parts.append("\(start) to start") }
        if stop > 0 { parts.append("\(stop) to stop") }
        var sentence = "Plan: " + parts.joined(separator: ", ") + "."
        var notes: [String] = []
        if refused > 0 { notes.append("\(refused) refused") }
        if conflict > 0 { notes.append("\(conflict) in conflict") }
        if orphan > 0 { notes.append("\(orphan) orphaned") }
        if !notes.isEmpty { sentence += " " + notes.joined(separator: ", ") + "." }
        return sentence
    }
}
