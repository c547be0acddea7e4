// The belay executable: forwards to BelayCLI, which parses, runs and chooses the exit code.
import BelayCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The environment, read from `environ` directly: `ProcessInfo` would be set up for this alone, on
/// every run (a few hundred microseconds of a gate that counts them). The first of a repeated name
/// wins, as `getenv` finds it.
func processEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var cursor = environ
    while let entry = cursor.pointee {
        let text = String(cString: entry)
        if let equals = text.firstIndex(of: "="), equals != text.startIndex {
            let name = String(text[..<equals])
            if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
        }
        cursor += 1
    }
    return result
}

exit(BelayCLI.main(arguments: CommandLine.arguments, environment: processEnvironment()))
