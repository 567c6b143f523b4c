import Foundation

/// A stack's list item as JSON bytes, valid while the fields it shows are unchanged.
struct RenderedListItem: Sendable {
    var key: ListItemKey
    var bytes: [UInt8]
}

/// Everything a list item shows that can change after create.
struct ListItemKey: Sendable, Equatable {
    var name: String
    var description: String
    var action: String
    var status: String
    var statusReason: String
    var updatedAt: Date?
    var deletedAt: Date?
    var tags: [String]?

    init(_ stack: SimStack) {
        name = stack.name
        description = stack.description
        action = stack.action
        status = stack.status
        statusReason = stack.statusReason
        updatedAt = stack.updatedAt
        deletedAt = stack.deletedAt
        tags = stack.tags
    }
}
