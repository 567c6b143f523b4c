import Foundation
import OpenStackSimulator
import Testing

extension HeatTests {
    /// `heatsync sim --state FILE`: the cloud survives a restart.
    @Suite struct StatePersistenceTests {
        static func configuration(_ file: String) -> SimulatorConfiguration {
            SimulatorConfiguration(
                createDuration: .milliseconds(100),
                deleteDuration: .milliseconds(100),
                stateFile: file,
                stateDebounce: .milliseconds(50)
            )
        }

        static func temporaryFile() throws -> String {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("heatsync-sim-state-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return directory.appendingPathComponent("state.json").path
        }

        @Test("start, create a stack, stop, start from the file: same stack, id and status; tokens are not kept")
        func survivesRestart() async throws {
            let file = try Self.temporaryFile()
            defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
            let first = try await HeatSession.start(Self.configuration(file))
            let id = try await first.create("vm-keep", tags: "heatsync,heatsync-owner=o")
            let settled = try await first.wait("vm-keep", id)
            #expect(settled["stack_status"] as? String == "CREATE_COMPLETE")
            let gone = try await first.create("vm-gone")
            try await first.wait("vm-gone", gone)
            _ = try await first.send("DELETE", "/stacks/vm-gone/\(gone)")
            try await first.wait("vm-gone", gone)
            await first.cloud.stop()
            #expect(FileManager.default.fileExists(atPath: file))

            let again = try await HeatSession.start(Self.configuration(file))
            defer { Task { await again.cloud.stop() } }
            let old = try await SimClient().send("GET", again.heatURL + "/stacks", token: first.token)
            #expect(old.status == 401, "tokens do not survive a restart")
            #expect(again.projectID == first.projectID)
            let stack = try await again.show("vm-keep", id)
            #expect(stack["id"] as? String == id)
            #expect(stack["stack_status"] as? String == "CREATE_COMPLETE")
            #expect(stack["tags"] as? [String] == ["heatsync", "heatsync-owner=o"])
            #expect(try await again.names("tags=heatsync-owner%3Do") == ["vm-keep"])
            #expect(try await again.show("vm-gone", gone)["stack_status"] as? String == "DELETE_COMPLETE")
            // New ids continue the restored sequence instead of repeating it.
            let fresh = try await again.create("vm-new")
            #expect(fresh != id && fresh != gone)
        }

        @Test("a stack saved mid-create finishes after the restart")
        func pendingOperationsResume() async throws {
            let file = try Self.temporaryFile()
            defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
            let first = try await HeatSession.start(Self.configuration(file))
            let id = try await first.create("vm-mid", template: HeatSession.notesTemplate(), parameters: ["delay": 0.5])
            #expect(try await first.show("vm-mid", id)["stack_status"] as? String == "CREATE_IN_PROGRESS")
            await first.cloud.stop()
            let again = try await HeatSession.start(Self.configuration(file))
            defer { Task { await again.cloud.stop() } }
            let stack = try await again.wait("vm-mid", id)
            #expect(stack["stack_status"] as? String == "CREATE_COMPLETE")
            let outputs = stack["outputs"] as? [[String: Any]] ?? []
            #expect(outputs.contains { $0["output_key"] as? String == "password" })
        }

        @Test("an unreadable state file stops the start with a clear error")
        func unreadable() async throws {
            let file = try Self.temporaryFile()
            defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
            try Data("{not json".utf8).write(to: URL(fileURLWithPath: file))
            do {
                let cloud = try await OpenStackSimulator.start(Self.configuration(file))
                await cloud.stop()
                Issue.record("expected the start to fail")
            } catch let error as SimulatorError {
                #expect(error.description.contains("cannot load the simulator state from \(file)"))
            }
        }
    }
}
