/// Stacks of every project (filled in by the Heat slice).
struct HeatState: Sendable {}
