// Compiles the data files under `rules/` into BelayCore, so the belay binary is self-contained.
import Foundation
import PackagePlugin

@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rulesDirectory = context.package.directoryURL.appending(path: "rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
        let inputs = names.map { rulesDirectory.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding rules/ into \(target.name)",
                executable: try context.tool(named: "belay-embed-rules").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
