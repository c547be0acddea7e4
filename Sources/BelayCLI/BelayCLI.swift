// BelayCLI: parses the command line, runs a command, writes to stdout/stderr and chooses the
// exit code. The only target that prints.
import BelayCore

/// Entry point for the `belay` executable.
public enum BelayCLI {
    /// Runs belay with `arguments` (including the program name) and returns the exit code.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        0
    }
}
