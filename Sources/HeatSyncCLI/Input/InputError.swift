/// A file or folder named on the command line that cannot be used: the message says which
/// and why. argument-parser prints it and exits 1.
struct InputError: Error, CustomStringConvertible {
    let description: String
}
