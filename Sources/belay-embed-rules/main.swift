// Build tool: writes a Swift file holding every file under `rules/`, base64-encoded
// (string literals compile fast; large array literals do not).
// Usage: belay-embed-rules OUTPUT.swift INPUT…
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: belay-embed-rules OUTPUT INPUT...\n".utf8))
    exit(2)
}
var text = "// Generated from rules/ by belay-embed-rules. Do not edit.\n"
text += "enum EmbeddedRuleFiles {\n    static let base64: [String: String] = [\n"
for input in arguments.dropFirst() {
    let name = URL(fileURLWithPath: input).lastPathComponent
    let data = try Data(contentsOf: URL(fileURLWithPath: input))
    text += "        \(String(reflecting: name)): \"\(data.base64EncodedString())\",\n"
}
text += "    ]\n}\n"
try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
