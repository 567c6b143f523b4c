import Foundation

/// Removes what must not reach a log or an error message from text that may hold URLs:
/// user info (`https://user:token@host/…` → `https://host/…`) and query strings.
enum URLRedaction {
    static func redact(_ text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "://") {
            out += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let end = rest.firstIndex { $0 == " " || $0 == "'" || $0 == "\"" || $0 == "\n" } ?? rest.endIndex
            var url = rest[..<end]
            let authorityEnd = url.firstIndex(of: "/") ?? url.endIndex
            if let at = url[..<authorityEnd].lastIndex(of: "@") {
                url = url[url.index(after: at)...]
            }
            if let query = url.firstIndex(of: "?") { url = url[..<query] }
            out += url
            rest = rest[end...]
        }
        return out + rest
    }

    /// `url` without user info or query, for messages and cache folder names.
    static func redactURL(_ url: String) -> String { redact(url) }
}
