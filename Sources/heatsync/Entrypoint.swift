import HeatSyncCLI

@main
struct Entrypoint {
    static func main() async {
        await HeatSyncCommand.runMain()
    }
}
