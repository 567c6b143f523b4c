import CCurl
import Foundation

/// A fixed set of threads, each owning one curl handle, taking jobs from a shared queue.
final class CurlWorkerPool: @unchecked Sendable {
    typealias Job = @Sendable (UnsafeMutableRawPointer) -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopping = false

    init(size: Int) {
        for index in 0..<size {
            let thread = Thread { [self] in work() }
            thread.name = "heatsync-curl-\(index)"
            thread.start()
        }
    }

    func submit(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        guard let handle = curl_easy_init() else { return }
        defer { curl_easy_cleanup(handle) }
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty && stopping {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job(handle)
        }
    }
}
