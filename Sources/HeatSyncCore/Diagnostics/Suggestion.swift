/// "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough
/// to be a plausible typo.
public enum Suggestion {
    /// The candidate nearest to `word`, or nil when none is within a third of its length
    /// (at least 1, at most 3 edits). Ties go to the first candidate in sorted order.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let limit = min(3, max(1, word.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates.sorted() {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (distance, candidate)
            }
        }
        return best?.candidate
    }

    /// A hint sentence for an unknown word, or a list of what is allowed when nothing is close.
    public static func hint(for word: String, among candidates: [String], noun: String = "") -> String {
        if let match = closest(to: word, among: candidates) {
            return "did you mean '\(match)'?"
        }
        let listed = candidates.sorted().prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return candidates.isEmpty ? "there are none\(noun.isEmpty ? "" : " " + noun)" : "expected one of \(listed)"
    }

    /// Levenshtein distance with a transposition counted as one edit (optimal string alignment).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
