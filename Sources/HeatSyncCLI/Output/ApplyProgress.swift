import Foundation
import HeatSyncCore
import HeatSyncEngine
import HeatSyncStore

/// Renders apply events as they come. On a terminal, VMs in progress stay in a block at the
/// bottom that is redrawn in place and finished VMs scroll above it; elsewhere (CI logs,
/// pipes) every event is one plain line.
final class ApplyProgress: @unchecked Sendable {
    private let style: TerminalStyle
    private let inPlace: Bool
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var active: [(key: String, line: String)] = []
    private var drawn = 0

    init(style: TerminalStyle, inPlace: Bool, write: @escaping @Sendable (String) -> Void) {
        self.style = style
        self.inPlace = inPlace
        self.write = write
    }

    func handle(_ event: ApplyEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .started(let change, _):
            update(change, "\(Self.verb(change.action, done: false))…")
        case .submitted(let change, let stackID):
            // Only the in-place view shows this step; a log gets start and end.
            if inPlace { update(change, "\(Self.verb(change.action, done: false))… (stack \(stackID))") }
        case .finished(let result):
            let change = result.change
            let elapsed = String(Int(result.elapsed.rounded())) + " s"
            let line: String
            if result.succeeded {
                line = "\(label(change)) \(style.green(Self.verb(change.action, done: true))) in \(elapsed)"
            } else {
                line = "\(label(change)) \(style.red("failed")) after \(elapsed): \(result.error ?? "unknown error")"
            }
            settle(key: change.stack, line: line)
        case .recovered(let operation, let status, let detail):
            let name = "\(operation.project)/\(operation.vmName ?? operation.stackName)"
            emit("resumed \(operation.action.rawValue) of \(name) from an earlier run: \(status.rawValue) (\(detail))")
        }
    }

    /// Clears the in-place block at the end.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        clearBlock()
    }

    private func label(_ change: PlannedChange) -> String {
        "\(change.action.symbol) \(change.project)/\(change.displayName)"
    }

    private func update(_ change: PlannedChange, _ state: String) {
        let line = "\(label(change)) \(state)"
        guard inPlace else {
            write(line + "\n")
            return
        }
        if let index = active.firstIndex(where: { $0.key == change.stack }) {
            active[index].line = line
        } else {
            active.append((change.stack, line))
        }
        redraw()
    }

    private func settle(key: String, line: String) {
        active.removeAll { $0.key == key }
        emit(line)
    }

    private func emit(_ line: String) {
        guard inPlace else {
            write(line + "\n")
            return
        }
        clearBlock()
        write(line + "\n")
        redraw()
    }

    private func redraw() {
        clearBlock()
        let shown = active.suffix(20)
        var text = shown.map { $0.line + "\n" }.joined()
        if active.count > shown.count { text = "… and \(active.count - shown.count) more in progress\n" + text }
        write(text)
        drawn = shown.count + (active.count > shown.count ? 1 : 0)
    }

    private func clearBlock() {
        guard drawn > 0 else { return }
        write("\u{1B}[\(drawn)A\u{1B}[J")
        drawn = 0
    }

    static func verb(_ action: PlanAction, done: Bool) -> String {
        switch action {
        case .create: return done ? "created" : "creating"
        case .adopt: return done ? "adopted" : "adopting"
        case .update, .retry: return done ? "updated" : "updating"
        case .replace, .recreate: return done ? "replaced" : "replacing"
        case .start: return done ? "started" : "starting"
        case .stop: return done ? "stopped" : "stopping"
        case .delete: return done ? "deleted" : "deleting"
        case .orphan, .conflict, .noop: return done ? "done" : "working"
        }
    }
}
