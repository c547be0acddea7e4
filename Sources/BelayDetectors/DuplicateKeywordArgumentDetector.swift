import BelayCore
import BelayScan

/// `duplicate-keyword-argument`: one keyword / named argument passed twice in one call — `f(a=1, a=2)`.
///
/// Python keyword arguments, Kotlin named arguments and Ruby keyword (hash) arguments in parenthesized
/// calls. Swift calls are deliberately not checked: a function may declare the same argument label twice
/// (`func f(x a: Int, x b: Int)` is called `f(x: 1, x: 2)`), and without resolving the callee a repeated
/// label cannot be told from a legal one. Splats (`**kw`, `**opts`) name nothing.
public struct DuplicateKeywordArgumentDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "duplicate-keyword-argument",
        summary: "the same keyword / named argument passed twice in one call",
        rationale: """
            An agent that renames an argument at a call site often adds `new=…` beside the surviving `new=…` \
            or keeps both spellings. Python rejects the call (`SyntaxError: keyword argument repeated`), \
            Kotlin refuses to compile it, and Ruby keeps only the last value with a warning nobody reads.
            """,
        defaultSeverity: .error,
        hint: "pass the argument once; remove the old one instead of adding the new one beside it",
        triggering: [
            .init("process_data(new_field=value, 1️⃣new_field=other)\n"),
            .init("Model.objects.filter(\n    name=\"x\",\n    active=True,\n    1️⃣name=\"y\",\n)\n"),
            .init("val user = User(id = 1, name = \"a\", 1️⃣id = 2)\n", fileName: "example.kt"),
            .init("client.get(path, timeout: 5, 1️⃣timeout: 10)\n", fileName: "example.rb"),
        ],
        nonTriggering: [
            .init("f(a=1, b=g(a=2), **{\"a\": 3})\nh(a=1, *rest, key=lambda a=1: a)\n"),
            .init("J(solve=lambda v, tol=0: v, rsolve=lambda v, tol=0: v)\n"),
            .init("send(\"a=1, a=2\")  # f(a=1, a=2)\n"),
            .init("move(x: 1, x: 2)\n", fileName: "example.swift"),
            .init("val m = mapOf(a to 1, b to 2)\nf(a == 1, a == 2)\n", fileName: "example.kt"),
            .init("client.get(path, timeout: 5, retries: timeout)\n", fileName: "example.rb"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// Every later argument whose keyword an earlier argument of the same call already passed.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let scanned = file.scanned else { return [] }
        let language = scanned.language
        guard language == .python || language == .kotlin || language == .ruby else { return [] }
        var result: [Diagnostic] = []
        for k in scanned.tokens.indices where scanned.punct(k) == 0x28 && scanned.tokens[k].interpolationDepth == 0 {
            guard let close = scanned.matchingBracket(k), close > k + 3, isCall(k, in: scanned) else { continue }
            let names = arguments(from: k, to: close, in: scanned).compactMap { keyword(of: $0, in: scanned) }
            for pair in repeatedNames(names) {
                result.append(
                    Self.repeated(
                        pair, in: file, message: { "keyword argument '\($0)' is passed twice" },
                        note: "first passed here"))
            }
        }
        return result
    }

    /// The call's argument items, without a Python lambda's own parameters: `f(key=lambda v, tol=0: v)`
    /// splits at the lambda's comma, and `tol=0` is the lambda's default, not a keyword of `f`.
    private func arguments(from open: Int, to close: Int, in file: ScannedFile) -> [[Int]] {
        let items = file.listItems(from: open, to: close)
        guard file.language == .python else { return items }
        var result: [[Int]] = []
        var inLambda = false
        for item in items {
            var tail = item[...]
            if inLambda {
                guard let colon = item.firstIndex(where: { file.punct($0) == 0x3A }) else { continue }
                tail = item[(colon + 1)...]
                inLambda = false
            } else {
                result.append(item)
            }
            if let lambda = tail.lastIndex(where: { file.isWord($0, "lambda") && file.tokens[$0].kind == .keyword }),
                !tail[lambda...].contains(where: { file.punct($0) == 0x3A })
            {
                inLambda = true
            }
        }
        return result
    }

    /// Whether the `(` at `k` opens a call's arguments (not a definition's parameters or a grouping).
    private func isCall(_ k: Int, in file: ScannedFile) -> Bool {
        guard let callee = file.previous(before: k) else { return false }
        let c = file.punct(callee)
        if c == 0x29 || c == 0x5D || c == 0x3E { return true }
        guard file.tokens[callee].kind == .identifier else { return false }
        guard let before = file.previous(before: callee) else { return true }
        return !file.isWord(before, "def") && !file.isWord(before, "fun") && !file.isWord(before, "constructor")
    }

    /// The keyword an argument passes: `name=` (Python, Kotlin), `name:` / `"name":` / `:name =>` (Ruby).
    private func keyword(of item: [Int], in file: ScannedFile) -> ListName? {
        guard item.count >= 2 else { return nil }
        let first = item[0]
        let second = item[1]
        let token = file.tokens[first]
        switch file.language {
        case .ruby:
            if token.kind == .identifier, file.punct(second) == 0x3A, file.tokens[second].start == token.end {
                return file.name(at: first)
            }
            if token.kind == .string, file.punct(second) == 0x3A { return file.stringKey(at: first) }
            if token.kind == .symbol, file.isPunct(second, "=>"), token.end - token.start > 1 {
                return ListName(tag: 0, key: file.bytes[(token.start + 1)..<token.end], range: token.range)
            }
            return nil
        default:
            guard token.kind == .identifier, file.punct(second) == 0x3D else { return nil }
            return file.name(at: first)
        }
    }
}
