#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Removes this process's temporaries when it is interrupted, then exits as the signal would have.
///
/// SIGINT and SIGTERM are taken from the default action and delivered to a dispatch source on a
/// queue of their own, so the handler runs as ordinary code (not in signal context) while training
/// threads keep the cores: it removes every `OwnedTemporaries` path and exits 128 + the signal
/// number (130, 143). It exits with `_exit`: atexit work (libhdf5's shutdown) must not run against
/// files another thread is still writing. SIGKILL cannot be caught; `StaleTemporaries` removes
/// what a killed writer leaves the next time anyone writes in that directory.
public enum TerminationCleanup {
    private static let sources = Mutex<[any DispatchSourceSignal]>([])
    private static let queue = DispatchQueue(label: "workbench.termination-cleanup")
    private static let graceful = Mutex<(@Sendable () -> Void)?>(nil)
    private static let announcer = Mutex<(@Sendable (_ message: String, _ status: Int32) -> Void)?>(nil)

    /// Replaces the notice written on stderr before exiting (`workbench: interrupted by SIGTERM; removed 1
    /// unfinished file.`) with `announce(message, status)`, where `message` is that notice without the
    /// `workbench: ` prefix and the newline and `status` is the exit status: a command that logs JSON lines
    /// writes it as one. Nil restores the plain notice.
    public static func onExit(announce: (@Sendable (_ message: String, _ status: Int32) -> Void)?) {
        announcer.withLock { $0 = announce }
    }

    /// Lets a long job stop between its own steps on SIGTERM instead of exiting at once (the nightly job):
    /// the first SIGTERM runs `handler` (once) and the process goes on; a second SIGTERM, or SIGINT, exits as
    /// usual. Nil restores the immediate exit.
    public static func onTerminate(_ handler: (@Sendable () -> Void)?) {
        graceful.withLock { $0 = handler }
    }

    /// Installs the handlers once per process; later calls do nothing.
    public static func install() {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
                source.setEventHandler {
                    if number == SIGTERM, let handler = graceful.withLock({ current in
                        defer { current = nil }
                        return current
                    }) {
                        handler()
                        return
                    }
                    terminate(number)
                }
                source.resume()
                installed.append(source)
            }
        }
    }

    /// Removes the owned temporaries, says so on stderr, and exits with 128 + `number`.
    private static func terminate(_ number: Int32) -> Never {
        let removed = OwnedTemporaries.current.count
        OwnedTemporaries.removeAll()
        let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : "signal \(number)"
        let files = removed == 1 ? "1 unfinished file" : "\(removed) unfinished files"
        let message = "interrupted by \(name); removed \(files)."
        if let announce = announcer.withLock({ $0 }) {
            announce(message, 128 + number)
        } else {
            let line = Array("workbench: \(message)\n".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        }
        _exit(128 + number)
    }
}
