import BelayCore
import Foundation

/// Writes a starter `belay.json5` for the stack found in a directory, configuring only tools that
/// are installed (a check whose tool is missing would block every commit).
public struct StarterConfig: Sendable {
    /// One check line of the starter file, with the comment that explains it.
    struct Entry {
        var comment: String
        var name: String
        var run: String
        var files: [String]?
        var fix: String?
        var timeout: Int?
    }

    public let directory: String
    /// `PATH` used to decide which tools exist.
    public let path: String?

    public init(directory: String, path: String?) {
        self.directory = directory
        self.path = path
    }

    private func exists(_ file: String) -> Bool {
        FileManager.default.fileExists(atPath: "\(directory)/\(file)")
    }

    private func has(_ tool: String) -> Bool { resolveExecutable(tool, path: path) != nil }

    /// The stacks detected, for the message printed after writing.
    public func detectedStacks() -> [String] {
        var stacks: [String] = []
        if exists("pyproject.toml") || exists("setup.cfg") || exists("setup.py") || exists("requirements.txt") {
            stacks.append("Python")
        }
        if exists("package.json") { stacks.append("JavaScript/TypeScript") }
        if exists("Package.swift") { stacks.append("Swift") }
        if exists("go.mod") { stacks.append("Go") }
        if exists("Cargo.toml") { stacks.append("Rust") }
        return stacks
    }

    func entries() -> (entries: [Entry], missing: [String]) {
        var entries: [Entry] = []
        var missing: [String] = []
        let stacks = detectedStacks()
        if stacks.contains("Python") {
            if has("ruff") {
                entries.append(
                    Entry(
                        comment: "ruff lints the staged Python files", name: "lint", run: "ruff check {files}",
                        files: ["*.py"], fix: "ruff check --fix {files}"))
                entries.append(
                    Entry(
                        comment: "ruff's formatter, in check mode; `belay check --fix` applies it", name: "format",
                        run: "ruff format --check {files}", files: ["*.py"], fix: "ruff format {files}"))
            } else {
                if has("flake8") {
                    entries.append(
                        Entry(
                            comment: "flake8 lints the staged Python files", name: "lint", run: "flake8 {files}",
                            files: ["*.py"]))
                } else {
                    missing.append("ruff or flake8 (Python lint)")
                }
                if has("black") {
                    entries.append(
                        Entry(
                            comment: "black, in check mode", name: "format", run: "black --check --quiet {files}",
                            files: ["*.py"], fix: "black --quiet {files}"))
                } else {
                    missing.append("ruff or black (Python format)")
                }
            }
            if has("pytest") {
                entries.append(
                    Entry(
                        comment: "the test suite; no `files`, so it always runs", name: "tests", run: "pytest -q",
                        timeout: 600))
            } else {
                missing.append("pytest (Python tests)")
            }
        }
        if stacks.contains("JavaScript/TypeScript") {
            let scripts = packageScripts()
            if has("npm") {
                if scripts["lint"] != nil {
                    entries.append(
                        Entry(comment: "the package's own lint script", name: "lint-js", run: "npm run --silent lint"))
                }
                if let test = scripts["test"], !test.contains("no test specified") {
                    entries.append(
                        Entry(
                            comment: "the package's own test script", name: "test-js", run: "npm test --silent",
                            timeout: 600))
                }
                if scripts["format:check"] != nil {
                    entries.append(
                        Entry(
                            comment: "the package's format check", name: "format-js",
                            run: "npm run --silent format:check"))
                }
            } else {
                missing.append("npm (package.json scripts)")
            }
        }
        if stacks.contains("Swift") {
            if has("swift") {
                entries.append(
                    Entry(
                        comment: "swift format, as the toolchain ships it", name: "swift-format",
                        run: "swift format lint --strict {files}", files: ["*.swift"],
                        fix: "swift format format -i {files}"))
                entries.append(
                    Entry(
                        comment: "build and test the package", name: "swift-test", run: "swift build && swift test",
                        timeout: 900))
            } else {
                missing.append("swift")
            }
        }
        if stacks.contains("Go") {
            if has("go") && has("gofmt") {
                entries.append(
                    Entry(
                        comment: "gofmt lists files that are not formatted", name: "gofmt",
                        run: "test -z \"$(gofmt -l {files})\"", files: ["*.go"], fix: "gofmt -w {files}"))
                entries.append(Entry(comment: "go vet", name: "vet", run: "go vet ./..."))
                entries.append(Entry(comment: "go test", name: "go-test", run: "go test ./...", timeout: 600))
            } else {
                missing.append("go")
            }
        }
        if stacks.contains("Rust") {
            if has("cargo") {
                entries.append(
                    Entry(
                        comment: "rustfmt in check mode", name: "rustfmt", run: "cargo fmt --check", files: ["*.rs"],
                        fix: "cargo fmt"))
                if has("cargo-clippy") {
                    entries.append(
                        Entry(
                            comment: "clippy with warnings as errors", name: "clippy",
                            run: "cargo clippy --quiet -- -D warnings"))
                }
                entries.append(
                    Entry(comment: "cargo test", name: "cargo-test", run: "cargo test --quiet", timeout: 900))
            } else {
                missing.append("cargo")
            }
        }
        return (entries, missing)
    }

    private func packageScripts() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: "\(directory)/package.json"),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let scripts = object["scripts"] as? [String: Any]
        else { return [:] }
        return scripts.compactMapValues { $0 as? String }
    }

    /// The text of the starter file.
    public func render() -> String {
        let (entries, missing) = entries()
        var text = """
            // belay.json5: what `belay check` and the hooks run before a commit is allowed.
            // Checks run on a snapshot of exactly what will be committed. `{files}` expands to the staged
            // paths that match `files` (shell-quoted); a check without `files` always runs.
            // belay reads this file from HEAD, so a change cannot weaken the gate that judges it.
            {
              checks: [

            """
        if entries.isEmpty {
            text += "    // No stack with installed tools was found. An example:\n"
            text +=
                "    // { name: \"lint\", run: \"ruff check {files}\", files: [\"*.py\"], fix: \"ruff check --fix {files}\" },\n"
        }
        for entry in entries {
            text += "    // \(entry.comment)\n"
            var fields = ["name: \(quote(entry.name))", "run: \(quote(entry.run))"]
            if let files = entry.files { fields.append("files: [\(files.map(quote).joined(separator: ", "))]") }
            if let fix = entry.fix { fields.append("fix: \(quote(fix))") }
            if let timeout = entry.timeout { fields.append("timeout: \(timeout)") }
            text += "    { \(fields.joined(separator: ", ")) },\n"
        }
        for tool in missing {
            text += "    // Not configured: \(tool) is not installed.\n"
        }
        text += """
              ],
              // Severity overrides for built-in rules: "error", "warning", "note" or "off" (see `belay rules`).
              rules: {},
              // Paths the rename audit must not touch (applied migrations and changelogs are excluded already).
              rename: { exclude: [] },
              // secret-token / secret-file: paths to skip, and "sha256:<hex>" of values kept on purpose
              // (each finding's hint prints the fingerprint; never line numbers).
              secrets: { exclude: [], ignore: [] },
              // Retries for checks that fail on infrastructure (DNS, connection resets, 502/503/504).
              transient: { retries: 2, backoffSeconds: 1 },
              // "allow": if belay itself fails, warn loudly and let the commit through; "block": stop it.
              onInternalError: "allow",
            }

            """
        return text
    }

    private func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
