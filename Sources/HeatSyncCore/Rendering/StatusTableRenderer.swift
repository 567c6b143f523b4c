import Foundation

/// Renders a ``StatusReport`` as the table `heatsync status` prints.
public enum StatusTableRenderer {
    static let headers = ["PROJECT", "VM", "STATUS", "STACK", "SERVER", "PRIVATE IP", "PUBLIC IP", "TO ACTIVE"]

    public static func text(_ report: StatusReport, style: TerminalStyle = .plain) -> String {
        guard !report.vms.isEmpty else { return "No VMs.\n" }
        let rows = report.vms.map(cells)
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String], colour: (String) -> String = { $0 }) -> String {
            var out = ""
            for (index, cell) in cells.enumerated() {
                let padded = cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                out += index == 2 ? colour(padded) : padded
                if index < cells.count - 1 { out += "  " }
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out + "\n"
        }
        var out = line(headers)
        for (row, vm) in zip(rows, report.vms) {
            out += line(row) { colour(vm.status, $0, style) }
            if let error = vm.lastError, vm.status == .error {
                out += "    last error: \(error)\n"
                for event in vm.events.prefix(3) {
                    out +=
                        "    \(event.time) \(event.resource) \(event.status)" + (event.reason.map { ": \($0)" } ?? "")
                        + "\n"
                }
            }
        }
        out += "\n" + summary(report) + "\n"
        return out
    }

    /// `5 VMs: 3 ACTIVE, 1 PROVISIONING, 1 ERROR.`
    public static func summary(_ report: StatusReport) -> String {
        let counts = report.counts
        let parts = VMStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
        let noun = report.vms.count == 1 ? "VM" : "VMs"
        return "\(report.vms.count) \(noun)" + (parts.isEmpty ? "." : ": " + parts.joined(separator: ", ") + ".")
    }

    static func cells(_ vm: VMStatusRow) -> [String] {
        [
            vm.project,
            vm.name,
            vm.status.rawValue,
            vm.stackStatus ?? "-",
            vm.outputs["server_id"].map { String($0.prefix(8)) } ?? "-",
            vm.outputs["private_ip"].flatMap { $0.isEmpty ? nil : $0 } ?? "-",
            vm.outputs["public_ip"].flatMap { $0.isEmpty ? nil : $0 } ?? "-",
            vm.timeToActive.map { "\(Int($0.rounded())) s" } ?? "-",
        ]
    }

    static func colour(_ status: VMStatus, _ text: String, _ style: TerminalStyle) -> String {
        switch status {
        case .active, .stopped: return style.green(text)
        case .error, .orphaned, .drifted: return style.red(text)
        default: return text
        }
    }
}
