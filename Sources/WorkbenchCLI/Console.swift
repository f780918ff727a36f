#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `message` and a newline to standard error; results go to stdout, everything else here.
func printError(_ message: String) {
    let line = message + "\n"
    line.utf8CString.withUnsafeBufferPointer { buffer in
        _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
    }
}

/// True when standard error is a terminal, so progress lines may redraw in place.
var standardErrorIsTerminal: Bool {
    isatty(STDERR_FILENO) != 0
}
