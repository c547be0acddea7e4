// Keyword-driven scope and branch tracking: braces, Python indentation, Ruby `… end`.
extension StructureBuilder {
    /// Brace languages: definitions, if/else chains, try/catch, switch and match bodies, `#if` blocks.
    mutating func braceKeyword(_ k: Int, previous: Int) {
        let top = frames.count - 1
        let token = tokens[k]
        guard token.kind == .keyword else {
            frames[top].lastClosedArm = nil
            return
        }
        if p.definitionKeywords.contains(b, token.range) { frames[top].headDefinition = true }
        var continuation = false
        if p.branchKeywords.contains(b, token.range) {
            if word(k, "#if") {
                push(.directive, opener: k, segments: .ruby, newScope: false)
                return
            } else if word(k, "#elseif") || word(k, "#else") {
                nextRubySegment()
            } else if word(k, "if") || word(k, "guard") || word(k, "try") || word(k, "do") {
                let afterElse = previous >= 0 && tokens[previous].kind == .keyword && word(previous, "else")
                if !afterElse { frames[top].pending = newConstruct() }
            } else if word(k, "else") || word(k, "catch") || word(k, "finally") {
                continuation = true
                let last = frames[top].lastClosedArm
                frames[top].pending =
                    last.map { BranchArm(construct: $0.construct, arm: $0.arm + 1) } ?? newConstruct(1)
            } else if word(k, "switch") || word(k, "select") {
                frames[top].pendingSwitch = .labels
            } else if word(k, "match") || word(k, "when") {
                frames[top].pendingSwitch = .arrows
            }
        } else if word(k, "#endif") {
            pop(.directive)
        }
        if !continuation { frames[frames.count - 1].lastClosedArm = nil }
    }

    /// Advances the segment (`#elseif`, `elsif`, `when`, `rescue`…) of the innermost segmented frame.
    mutating func nextRubySegment() {
        let top = frames.count - 1
        guard frames[top].segmentMode == .ruby else {
            frames[top].segmentMode = .ruby
            frames[top].segment = newConstruct(1)
            refreshPath()
            return
        }
        if let segment = frames[top].segment {
            frames[top].segment = BranchArm(construct: segment.construct, arm: segment.arm + 1)
        }
        refreshPath()
    }

    /// Python: at the first token of a logical line, dedent, indent, and read the line's head keyword.
    mutating func pythonLineStart(_ k: Int, previous: Int) {
        var start = tokens[k].start
        while start > 0 && b[start - 1] != 0x0A { start -= 1 }
        var column = 0
        var offset = start
        while offset < tokens[k].start {
            column = b[offset] == 0x09 ? (column / 8 + 1) * 8 : column + 1
            offset += 1
        }
        var target = frames.count
        while target > 1, case .indent(let indent) = frames[target - 1].end, indent > column { target -= 1 }
        if target < frames.count { popTo(target) }
        if previous >= 0 && punct(previous) == 0x3A {
            var current = 0
            if case .indent(let indent) = frames[frames.count - 1].end { current = indent }
            if column > current { push(.indent(column), opener: previous) }
        }
        let top = frames.count - 1
        var head = k
        if word(k, "async") && k + 1 < tokens.count { head = k + 1 }
        frames[top].headDefinition = word(head, "def") || word(head, "class")
        frames[top].pending = nil
        if word(k, "if") || word(k, "try") {
            frames[top].pending = newConstruct()
        } else if word(k, "elif") || word(k, "else") || word(k, "except") || word(k, "finally") || word(k, "case") {
            let last = frames[top].lastClosedArm
            frames[top].pending = last.map { BranchArm(construct: $0.construct, arm: $0.arm + 1) } ?? newConstruct()
        }
        let compound = word(k, in: ["for", "while", "with", "match"])
        pythonCompound = frames[top].headDefinition || frames[top].pending != nil || compound
        frames[top].lastClosedArm = nil
    }

    /// Python: `if x: body` on one line gets a frame that the next line start closes.
    mutating func pythonColon(_ k: Int) {
        guard pythonCompound else { return }
        pythonCompound = false
        var next = k + 1
        while next < tokens.count && tokens[next].isComment { next += 1 }
        if next < tokens.count && tokens[next].kind != .newline { push(.indent(Int.max), opener: k) }
    }

    /// Ruby: `def`/`class`/`module`/`do`/`begin`/`case`/statement `if` … `end`, and their arms.
    mutating func rubyKeyword(_ k: Int, previous: Int, atLineStart: Bool) {
        var statementStart = previous < 0 || atLineStart
        if previous >= 0 && !statementStart {
            let prev = tokens[previous]
            if prev.kind == .punctuation {
                let last = b[prev.end - 1]
                statementStart = last != 0x29 && last != 0x5D && last != 0x7D
            } else if prev.kind == .keyword {
                statementStart = word(previous, in: ["then", "else", "do", "and", "or", "not", "begin"])
            }
        }
        if word(k, "def") {
            if !endlessDefinition(k) { deferred.append((k, true, .none)) }
        } else if word(k, "class") || word(k, "module") {
            deferred.append((k, true, .none))
        } else if word(k, "begin") || word(k, "case") {
            deferred.append((k, false, .ruby))
        } else if (word(k, "if") || word(k, "unless")) && statementStart {
            deferred.append((k, false, .ruby))
        } else if (word(k, "while") || word(k, "until") || word(k, "for")) && statementStart {
            deferred.append((k, false, .none))
            loopDoPending = true
        } else if word(k, "do") {
            if loopDoPending { loopDoPending = false } else { deferred.append((k, false, .none)) }
        } else if word(k, in: ["elsif", "else", "when", "in", "rescue", "ensure"]) {
            // Modifier forms (`x = f rescue nil`, `for a in b`) do not start an arm.
            if deferred.isEmpty && statementStart { nextRubySegment() }
        } else if word(k, "end") {
            if deferred.isEmpty { pop(.end) } else { deferred.removeLast() }
        }
    }

    /// Opens the frames whose headers ended with the logical line.
    mutating func flushDeferred() {
        for (opener, definition, segments) in deferred {
            frames[frames.count - 1].headDefinition = definition
            if segments == .none { frames[frames.count - 1].pending = nil }
            push(.end, opener: opener, segments: segments)
        }
        deferred.removeAll()
        loopDoPending = false
    }

    /// `def name(args) = expr` has no `end`.
    func endlessDefinition(_ k: Int) -> Bool {
        var j = k + 2  // skip the name
        while j < tokens.count && punct(j) == 0x2E { j += 2 }  // def self.name
        // `def name=(v)` is a setter (endless setters do not exist): the `=` is part of the name.
        if j < tokens.count, punct(j) == 0x3D, tokens[j].start == tokens[j - 1].end, tokens[j - 1].kind == .identifier {
            j += 1
        }
        if j < tokens.count, punct(j) == 0x28, matching[j] >= 0 { j = Int(matching[j]) + 1 }
        return j < tokens.count && punct(j) == 0x3D
    }
}
