/// Images (filled in by the Glance slice).
struct ImageState: Sendable {}
