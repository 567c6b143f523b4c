import Foundation
import HeatSyncCore

/// A plan file written by `heatsync plan --out`.
enum SavedPlan {
    static func load(path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(description: "\(path): cannot read the plan file")
        }
        do {
            return try JSONDecoder().decode(Plan.self, from: data)
        } catch {
            throw InputError(description: "\(path): not a heatsync plan file (\(error))")
        }
    }
}
