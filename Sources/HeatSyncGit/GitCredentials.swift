import Foundation

/// How heatsync proves who it is to a remote: an HTTPS token or user and password, or an SSH
/// key file. Its description never shows a secret.
///
/// ```swift
/// let credentials = try GitCredentials.fromEnvironment(ProcessInfo.processInfo.environment, url: url)
/// ```
public struct GitCredentials: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case none
        case userPassword(username: String, password: String)
        case sshKey(username: String?, privateKey: String, publicKey: String?, passphrase: String?)
    }

    let kind: Kind

    /// No credentials: local paths, file:// and public HTTPS remotes.
    public static let none = GitCredentials(kind: .none)

    /// An HTTPS access token (GitHub, GitLab and Gitea accept any user name with a token).
    public static func token(_ token: String, username: String = "x-access-token") -> GitCredentials {
        GitCredentials(kind: .userPassword(username: username, password: token))
    }

    /// HTTPS basic authentication.
    public static func basic(username: String, password: String) -> GitCredentials {
        GitCredentials(kind: .userPassword(username: username, password: password))
    }

    /// An SSH key file (the public key defaults to the private key's path plus `.pub` when
    /// that exists); the user name defaults to the URL's.
    public static func sshKey(
        privateKeyPath: String,
        publicKeyPath: String? = nil,
        passphrase: String? = nil,
        username: String? = nil
    ) -> GitCredentials {
        let defaultPublic = privateKeyPath + ".pub"
        let publicKey = publicKeyPath ?? (FileManager.default.fileExists(atPath: defaultPublic) ? defaultPublic : nil)
        return GitCredentials(
            kind: .sshKey(username: username, privateKey: privateKeyPath, publicKey: publicKey, passphrase: passphrase)
        )
    }

    /// Credentials from the environment, in this order: `HEATSYNC_GIT_TOKEN` (with
    /// `HEATSYNC_GIT_USERNAME` as the user when set); `HEATSYNC_GIT_USERNAME` +
    /// `HEATSYNC_GIT_PASSWORD`; `HEATSYNC_GIT_SSH_KEY` (+ `HEATSYNC_GIT_SSH_PASSPHRASE`);
    /// then a credentials file (`HEATSYNC_GIT_CREDENTIALS_FILE`, or `credentialsFile`) in
    /// git-credential-store format, one `https://user:secret@host` per line, matched by host.
    ///
    /// - Throws: ``GitError/invalidInput`` when the credentials file cannot be read.
    public static func fromEnvironment(
        _ environment: [String: String],
        url: String,
        credentialsFile: String? = nil
    ) throws(GitError) -> GitCredentials {
        if let token = environment["HEATSYNC_GIT_TOKEN"], !token.isEmpty {
            return .token(token, username: environment["HEATSYNC_GIT_USERNAME"] ?? "x-access-token")
        }
        if let username = environment["HEATSYNC_GIT_USERNAME"], let password = environment["HEATSYNC_GIT_PASSWORD"] {
            return .basic(username: username, password: password)
        }
        if let key = environment["HEATSYNC_GIT_SSH_KEY"], !key.isEmpty {
            return .sshKey(privateKeyPath: key, passphrase: environment["HEATSYNC_GIT_SSH_PASSPHRASE"])
        }
        if let file = environment["HEATSYNC_GIT_CREDENTIALS_FILE"] ?? credentialsFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw GitError.invalidInput("read credentials", "cannot read the credentials file \(file)")
            }
            return fromCredentialStore(String(decoding: data, as: UTF8.self), url: url) ?? .none
        }
        return .none
    }

    /// The first git-credential-store line whose scheme and host match `url`.
    static func fromCredentialStore(_ text: String, url: String) -> GitCredentials? {
        guard let target = URLComponents(string: url), let host = target.host else { return nil }
        for line in text.split(whereSeparator: \.isNewline) {
            guard let entry = URLComponents(string: line.trimmingCharacters(in: .whitespaces)),
                entry.host == host, entry.scheme == target.scheme,
                let user = entry.user?.removingPercentEncoding, let password = entry.password?.removingPercentEncoding
            else { continue }
            return .basic(username: user, password: password)
        }
        return nil
    }

    /// Says which kind, never the secret.
    public var description: String {
        switch kind {
        case .none: return "none"
        case .userPassword(let username, _): return "user \(username) with a secret"
        case .sshKey(_, let privateKey, _, _): return "ssh key \(privateKey)"
        }
    }
}
