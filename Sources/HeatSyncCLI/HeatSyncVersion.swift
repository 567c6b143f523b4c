/// The heatsync version, printed by `heatsync version` and `--version`.
public enum HeatSyncVersion {
    public static let current = "0.1.0"
}
