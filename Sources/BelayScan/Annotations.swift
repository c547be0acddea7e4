// Annotations, attributes and decorators: `@Anno(…)`, Kotlin `@get:JvmName("x")` and `@param:[A B]`,
// Swift `@MainActor`, `@available(…)`, TypeScript `@Input()`, Python `@app.route("/")`. They decorate the
// declaration that follows and never declare a name of their own.

extension ScannedFile {
    /// When the token at `k` is the `@` that opens an annotation, the index of the first token after it
    /// (at most `end`, default the end of the file); otherwise `nil`.
    ///
    /// An annotation is `@` and a dotted name, optionally after a Kotlin use-site target (`@get:`, `@field:`,
    /// `@param:`, `@file:`…), followed by its arguments `(…)` (in Swift only when the
    /// `(` touches the name: `@escaping () -> Void` is an attribute and a function type), or Kotlin's
    /// `@[A B(x)]` group. Not annotations: a Kotlin label (`loop@`, `this@Outer`, `return@forEach`, where
    /// the `@` touches the name before it), Python's `a @ b` (a decorator starts its logical line), and
    /// every `@` of a language without annotations (Ruby's `@ivar`, Rust's `x @ 1..=5`).
    public func annotationEnd(at k: Int, before end: Int? = nil) -> Int? {
        let end = min(end ?? tokens.count, tokens.count)
        guard profile.annotations, k < end, isAt(k) else { return nil }
        if k > 0, tokens[k - 1].end == tokens[k].start,
            tokens[k - 1].kind == .identifier || tokens[k - 1].kind == .keyword
        {
            return nil  // a Kotlin label
        }
        if language == .python, !startsLogicalLine(k) { return nil }
        var n = nextCode(after: k, before: end)
        // Kotlin use-site target: `@get:Name`, `@param:[A B]`.
        if language == .kotlin, let target = n, Self.kotlinUseSiteTargets.contains(text(target)),
            let colon = nextCode(after: target, before: end), isByte(colon, 0x3A)
        {
            n = nextCode(after: colon, before: end)
        }
        guard let first = n else { return nil }
        if language == .kotlin, isByte(first, 0x5B), let close = matchingBracket(first), close < end {
            return close + 1  // `@[A B(x)]`
        }
        guard isWord(first) else { return nil }
        var last = first
        while let dot = nextCode(after: last, before: end), isByte(dot, 0x2E),
            let name = nextCode(after: dot, before: end), isWord(name)
        {
            last = name
        }
        guard let open = nextCode(after: last, before: end), isByte(open, 0x28),
            language != .swift || tokens[open].start == tokens[last].end,
            let close = matchingBracket(open), close < end
        else { return last + 1 }
        return close + 1
    }

    /// Where a Kotlin annotation may apply (`@get:JvmName("x")`).
    static let kotlinUseSiteTargets: Set<String> = [
        "file", "property", "field", "get", "set", "receiver", "param", "setparam", "delegate", "all",
    ]

    private func isAt(_ k: Int) -> Bool {
        tokens[k].kind == .punctuation && tokens[k].end == tokens[k].start + 1 && bytes[tokens[k].start] == 0x40
    }

    private func isByte(_ k: Int, _ byte: UInt8) -> Bool {
        tokens[k].kind == .punctuation && tokens[k].end == tokens[k].start + 1 && bytes[tokens[k].start] == byte
    }

    private func isWord(_ k: Int) -> Bool { tokens[k].kind == .identifier || tokens[k].kind == .keyword }

    /// The next code token after `k` and before `end` (comments and line breaks skipped).
    private func nextCode(after k: Int, before end: Int) -> Int? {
        var index = k + 1
        while index < end, !tokens[index].isCode { index += 1 }
        return index < end ? index : nil
    }

    /// Whether the token at `k` is the first of its logical line.
    private func startsLogicalLine(_ k: Int) -> Bool {
        var low = 0
        var high = logicalLines.count
        while low < high {
            let mid = (low + high) / 2
            if logicalLines[mid].lowerBound < k { low = mid + 1 } else { high = mid }
        }
        return low < logicalLines.count && logicalLines[low].lowerBound == k
    }
}
