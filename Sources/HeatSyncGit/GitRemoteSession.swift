import CGit2

/// The state libgit2's remote callbacks share during one fetch or push, passed through their
/// `payload` (callbacks are C functions and capture nothing).
final class GitRemoteSession {
    let credentials: GitCredentials
    /// Credentials are offered once: libgit2 asks again after a rejection, and answering
    /// with the same secret forever would loop.
    var credentialAttempts = 0
    /// References the server refused, with its reason (push).
    var rejected: [String: String] = [:]

    init(credentials: GitCredentials) {
        self.credentials = credentials
    }

    /// Callbacks wired to this session; keep the session alive while libgit2 may call them.
    func callbacks() throws(GitError) -> git_remote_callbacks {
        var callbacks = git_remote_callbacks()
        try check(git_remote_init_callbacks(&callbacks, UInt32(GIT_REMOTE_CALLBACKS_VERSION)), "remote callbacks")
        callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
        callbacks.credentials = { out, _, usernameFromURL, allowedTypes, payload in
            guard let out, let payload else { return GIT_PASSTHROUGH.rawValue }
            let session = Unmanaged<GitRemoteSession>.fromOpaque(payload).takeUnretainedValue()
            return session.acquire(
                out,
                usernameFromURL: usernameFromURL.map { String(cString: $0) },
                allowed: allowedTypes
            )
        }
        callbacks.push_update_reference = { reference, status, payload in
            guard let payload, let reference, let status else { return 0 }
            let session = Unmanaged<GitRemoteSession>.fromOpaque(payload).takeUnretainedValue()
            session.rejected[String(cString: reference)] = String(cString: status)
            return 0
        }
        return callbacks
    }

    private func acquire(
        _ out: UnsafeMutablePointer<UnsafeMutablePointer<git_credential>?>,
        usernameFromURL: String?,
        allowed: UInt32
    ) -> Int32 {
        credentialAttempts += 1
        guard credentialAttempts == 1 else { return GIT_EAUTH.rawValue }
        switch credentials.kind {
        case .none:
            return GIT_PASSTHROUGH.rawValue
        case .userPassword(let username, let password):
            guard allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0 else { return GIT_PASSTHROUGH.rawValue }
            return git_credential_userpass_plaintext_new(out, username, password)
        case .sshKey(let username, let privateKey, let publicKey, let passphrase):
            let user = username ?? usernameFromURL ?? "git"
            if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 { return git_credential_username_new(out, user) }
            guard allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 else { return GIT_PASSTHROUGH.rawValue }
            return git_credential_ssh_key_new(out, user, publicKey, privateKey, passphrase)
        }
    }
}
