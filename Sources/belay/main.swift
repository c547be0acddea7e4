// The belay executable: forwards to BelayCLI, which parses, runs and chooses the exit code.
import BelayCLI
import Foundation

exit(BelayCLI.main(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment))
