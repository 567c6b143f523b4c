import CGit2

/// Every failure of the git source: a struct over a private code (STYLE rule 15), with the
/// operation that failed and libgit2's class and code when libgit2 reported it.
///
/// Messages never carry secrets: user info in URLs (`https://user:token@host`) is removed
/// from libgit2's text, and credentials are never part of a message.
///
/// Compare with the static members to classify: `error == .unknownReference`.
public struct GitError: Error, CustomStringConvertible, Equatable, Sendable {
    private enum Code: String, Sendable {
        case notARepository = "not-a-repository"
        case unknownReference = "unknown-reference"
        case authenticationFailed = "authentication-failed"
        case networkFailure = "network-failure"
        case corruptObject = "corrupt-object"
        case detachedHead = "detached-head"
        case nonFastForward = "non-fast-forward"
        case pushRejected = "push-rejected"
        case invalidInput = "invalid-input"
        case failure
    }

    private let code: Code
    /// What heatsync was doing (`open`, `resolve origin/main`, `fetch origin` …).
    public let operation: String
    /// The message, with secrets removed.
    public let message: String
    /// libgit2's error class (`git_error_t`) and code (`git_error_code`), when it reported one.
    public let libgit2Class: Int32?
    public let libgit2Code: Int32?

    private init(
        _ code: Code,
        operation: String = "",
        message: String = "",
        class: Int32? = nil,
        libgit2Code: Int32? = nil
    ) {
        self.code = code
        self.operation = operation
        self.message = URLRedaction.redact(message)
        self.libgit2Class = `class`
        self.libgit2Code = libgit2Code
    }

    public static let notARepository = GitError(.notARepository)
    public static let unknownReference = GitError(.unknownReference)
    public static let authenticationFailed = GitError(.authenticationFailed)
    public static let networkFailure = GitError(.networkFailure)
    public static let corruptObject = GitError(.corruptObject)
    public static let detachedHead = GitError(.detachedHead)
    public static let nonFastForward = GitError(.nonFastForward)
    public static let pushRejected = GitError(.pushRejected)
    public static let invalidInput = GitError(.invalidInput)
    public static let failure = GitError(.failure)

    /// Same kind of failure; operation and message are context.
    public static func == (lhs: GitError, rhs: GitError) -> Bool { lhs.code == rhs.code }

    /// `text` without user info or queries in the URLs it holds, as every message is.
    public static func redacting(_ text: String) -> String { URLRedaction.redact(text) }

    /// A bounded label for metrics and logs (`unknown-reference`).
    public var shortDescription: String { code.rawValue }

    public var description: String {
        var text = ""
        switch code {
        case .notARepository: text = "not a git repository"
        case .unknownReference: text = "unknown reference"
        case .authenticationFailed: text = "authentication failed"
        case .networkFailure: text = "network failure"
        case .corruptObject: text = "corrupt object"
        case .detachedHead: text = "HEAD is detached"
        case .nonFastForward: text = "the remote moved (not a fast-forward)"
        case .pushRejected: text = "push rejected"
        case .invalidInput: text = "invalid input"
        case .failure: text = "git failure"
        }
        if !operation.isEmpty { text = "\(operation): \(text)" }
        if !message.isEmpty { text += ": \(message)" }
        return text
    }

    static func notARepository(_ path: String, _ detail: String = "") -> GitError {
        GitError(.notARepository, operation: "open \(path)", message: detail)
    }

    static func unknownReference(_ revision: String, _ detail: String = "") -> GitError {
        GitError(.unknownReference, operation: "resolve \(revision)", message: detail)
    }

    static func detachedHead(_ operation: String) -> GitError {
        GitError(.detachedHead, operation: operation, message: "name a branch instead")
    }

    static func pushRejected(_ operation: String, _ detail: String) -> GitError {
        GitError(.pushRejected, operation: operation, message: detail)
    }

    static func nonFastForward(_ operation: String, _ detail: String) -> GitError {
        GitError(.nonFastForward, operation: operation, message: detail)
    }

    static func invalidInput(_ operation: String, _ detail: String) -> GitError {
        GitError(.invalidInput, operation: operation, message: detail)
    }

    /// An unclassified failure of a remote operation is the network's (libgit2 reports a
    /// refused connection as an OS error).
    func classifiedAsRemote() -> GitError {
        guard code == .failure else { return self }
        return GitError(
            .networkFailure,
            operation: operation,
            message: message,
            class: libgit2Class,
            libgit2Code: libgit2Code
        )
    }

    static func internalStateFailure(file: String = #fileID, line: Int = #line) -> GitError {
        GitError(.failure, operation: "internal", message: "broken invariant at \(file):\(line)")
    }

    /// Wraps libgit2's last error (thread-local: call on the thread that failed, right away).
    static func libgit2(_ result: Int32, operation: String) -> GitError {
        let last = git_error_last()
        let errorClass = last.map { Int32($0.pointee.klass) }
        let message = last.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(result)"
        return GitError(
            classify(result, errorClass: errorClass ?? 0),
            operation: operation,
            message: message,
            class: errorClass,
            libgit2Code: result
        )
    }

    private static func classify(_ result: Int32, errorClass: Int32) -> Code {
        switch result {
        case GIT_EAUTH.rawValue: return .authenticationFailed
        case GIT_ECERTIFICATE.rawValue: return .networkFailure
        case GIT_ENONFASTFORWARD.rawValue: return .nonFastForward
        case GIT_EMISMATCH.rawValue: return .corruptObject
        case GIT_EUNBORNBRANCH.rawValue: return .unknownReference
        default: break
        }
        switch UInt32(bitPattern: errorClass) {
        case GIT_ERROR_NET.rawValue, GIT_ERROR_SSL.rawValue, GIT_ERROR_SSH.rawValue, GIT_ERROR_HTTP.rawValue:
            return .networkFailure
        case GIT_ERROR_ODB.rawValue, GIT_ERROR_ZLIB.rawValue:
            return result == GIT_ENOTFOUND.rawValue ? .unknownReference : .corruptObject
        default:
            return .failure
        }
    }
}

/// Calls a libgit2 function and throws its error when it fails.
@discardableResult
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(GitError) -> Int32 {
    if result < 0 { throw GitError.libgit2(result, operation: operation()) }
    return result
}
