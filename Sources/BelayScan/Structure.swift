// The structure pass over tokens: brackets, logical lines, scopes and branch paths.

/// How an open frame ends.
enum FrameEnd: Equatable { case file, brace, indent(Int), end, directive }

/// How a frame splits its tokens into arms (`case` labels, `match` arms, `elsif`).
enum SegmentMode { case none, labels, arrows, ruby }

struct Frame {
    var scope: Int
    var end: FrameEnd
    var path: [BranchArm]
    var arm: BranchArm?  // the arm this frame's body is
    var segmentMode = SegmentMode.none
    var segment: BranchArm?
    var awaitingArm = true
    var sawArrow = false
    var lastClosedArm: BranchArm?
    var pending: BranchArm?
    var headDefinition = false
    var pendingSwitch: SegmentMode = .none
    var pathID: Int32 = 0
}

struct StructureBuilder {
    let b: [UInt8]
    let tokens: [Token]
    let p: CompiledProfile
    var scopes: [Scope] = [Scope(id: 0, parent: nil, kind: .file, opener: nil, depth: 0)]
    var logicalLines: [Range<Int>] = []
    var scopeOfToken: [Int32]
    var branchOfToken: [Int32]
    var paths: [[BranchArm]] = [[]]
    var pathIDs: [[BranchArm]: Int32] = [[]: 0]
    var matching: [Int32]
    var frames: [Frame] = [Frame(scope: 0, end: .file, path: [])]
    var constructs = 0
    var brackets: [Int] = []
    var pythonCompound = false
    var deferred: [(opener: Int, definition: Bool, segments: SegmentMode)] = []
    var loopDoPending = false

    init(bytes: [UInt8], tokens: [Token], profile: CompiledProfile) {
        b = bytes
        self.tokens = tokens
        p = profile
        scopeOfToken = [Int32](repeating: 0, count: tokens.count)
        branchOfToken = [Int32](repeating: 0, count: tokens.count)
        matching = [Int32](repeating: -1, count: tokens.count)
    }

    func word(_ k: Int, _ text: String) -> Bool {
        let token = tokens[k]
        var offset = token.start
        for byte in text.utf8 {
            guard offset < token.end, b[offset] == byte else { return false }
            offset += 1
        }
        return offset == token.end
    }

    func word(_ k: Int, in words: [String]) -> Bool { words.contains(where: { word(k, $0) }) }

    func punct(_ k: Int) -> UInt8 {
        tokens[k].kind == .punctuation && tokens[k].end - tokens[k].start == 1 ? b[tokens[k].start] : 0
    }

    mutating func newConstruct(_ arm: Int = 0) -> BranchArm {
        constructs += 1
        return BranchArm(construct: constructs, arm: arm)
    }

    mutating func intern(_ path: [BranchArm]) -> Int32 {
        if let id = pathIDs[path] { return id }
        let id = Int32(paths.count)
        paths.append(path)
        pathIDs[path] = id
        return id
    }

    mutating func refreshPath() {
        var path = frames[frames.count - 1].path
        if let segment = frames[frames.count - 1].segment { path.append(segment) }
        frames[frames.count - 1].pathID = intern(path)
    }

    /// Whether the `{` at `k` follows `(`, `,`, `=` or `:`: a destructured parameter, a default value or a
    /// type in a definition's header (`function read({ a, b }) {`), not the definition's body.
    func opensHeaderLiteral(_ k: Int) -> Bool {
        guard punct(k) == 0x7B else { return false }
        var j = k - 1
        while j >= 0 && !tokens[j].isCode { j -= 1 }
        return j >= 0 && [0x28, 0x2C, 0x3D, 0x3A].contains(punct(j))
    }

    /// Opens a frame for a block whose opener is token `k`.
    mutating func push(_ end: FrameEnd, opener k: Int, segments: SegmentMode = .none, newScope: Bool = true) {
        let top = frames[frames.count - 1]
        var kind = ScopeKind.block
        var path = paths[Int(top.pathID)]
        let arm = newScope ? top.pending : nil
        if top.headDefinition && newScope && !opensHeaderLiteral(k) {
            kind = .definition
        } else if let arm {
            kind = .branch
            path.append(arm)
        }
        var id = top.scope
        if newScope {
            id = scopes.count
            scopes.append(Scope(id: id, parent: top.scope, kind: kind, opener: k, depth: scopes[top.scope].depth + 1))
            frames[frames.count - 1].pending = nil
            if !(top.headDefinition && opensHeaderLiteral(k)) { frames[frames.count - 1].headDefinition = false }
        }
        var frame = Frame(scope: id, end: end, path: path, arm: kind == .branch ? arm : nil)
        frame.segmentMode = segments == .none ? top.pendingSwitch : segments
        frames[frames.count - 1].pendingSwitch = .none
        if frame.segmentMode == .ruby { frame.segment = newConstruct() }
        frames.append(frame)
        refreshPath()
    }

    /// Closes the innermost frame ending with `end` (and any unclosed frames inside it).
    mutating func pop(_ end: FrameEnd) {
        guard let target = frames.lastIndex(where: { $0.end == end }), target > 0 else { return }
        popTo(target)
    }

    mutating func popTo(_ target: Int) {
        var closedArm: BranchArm?
        while frames.count > target {
            closedArm = frames.removeLast().arm
        }
        frames[frames.count - 1].lastClosedArm = closedArm
    }

    mutating func computeMatching() {
        var stack: [Int] = []
        for k in tokens.indices {
            let c = punct(k)
            switch c {
            case 0x28, 0x5B, 0x7B: stack.append(k)
            case 0x29, 0x5D, 0x7D:
                let open: UInt8 = c == 0x29 ? 0x28 : c == 0x5D ? 0x5B : 0x7B
                if let found = stack.lastIndex(where: { punct($0) == open }), stack.count - found <= 4 {
                    matching[k] = Int32(stack[found])
                    matching[stack[found]] = Int32(k)
                    stack.removeSubrange(found...)
                }
            default: break
            }
        }
    }

    mutating func run() {
        computeMatching()
        let ruby = p.profile.scopeStyle == .end
        let python = p.profile.scopeStyle == .indentation
        var lineStart = 0
        var atLineStart = true
        var previous = -1  // previous significant token
        for k in tokens.indices {
            let token = tokens[k]
            let c = punct(k)
            if token.kind == .newline || (c == 0x3B && token.interpolationDepth == 0) {
                let inside = brackets.last.map { punct($0) } ?? 0
                if python ? brackets.isEmpty : (inside == 0 || inside == 0x7B) {
                    if k > lineStart { logicalLines.append(lineStart..<k) }
                    lineStart = k + 1
                    atLineStart = true
                    if ruby { flushDeferred() }
                    if c == 0x3B {
                        frames[frames.count - 1].pending = nil
                        frames[frames.count - 1].headDefinition = false
                    }
                }
                if token.kind == .newline { noteArmSeparator(k, newline: true) }
                assign(k)
                continue
            }
            if token.isComment || token.kind == .string && token.interpolationDepth > 0
                || !token.isCode
                    && token.kind != .string && token.kind != .regex
            {
                assign(k)
                continue
            }
            if python && atLineStart && brackets.isEmpty { pythonLineStart(k, previous: previous) }
            if ruby && token.kind == .keyword { rubyKeyword(k, previous: previous, atLineStart: atLineStart) }
            if !python { braceKeyword(k, previous: previous) }
            if c == 0x7D && !python && brackets.last.map({ punct($0) }) == 0x7B {
                pop(.brace)
                noteArmSeparator(k, newline: false)
            }
            segmentStart(k)
            assign(k)
            switch c {
            case 0x28, 0x5B, 0x7B:
                brackets.append(k)
                if c == 0x7B && !python { push(.brace, opener: k) }
            case 0x29, 0x5D, 0x7D:
                if matching[k] >= 0, let found = brackets.lastIndex(of: Int(matching[k])) {
                    brackets.removeSubrange(found...)
                }
            case 0x2C: noteArmSeparator(k, newline: false)
            case 0x3A where python && brackets.isEmpty: pythonColon(k)
            default:
                if token.kind == .punctuation && (word(k, "=>") || word(k, "->"))
                    && brackets.last.map({ punct($0) }) == 0x7B
                {
                    frames[frames.count - 1].sawArrow = true
                }
            }
            atLineStart = false
            previous = k
        }
        if lineStart < tokens.count { logicalLines.append(lineStart..<tokens.count) }
    }

    mutating func assign(_ k: Int) {
        scopeOfToken[k] = Int32(frames[frames.count - 1].scope)
        branchOfToken[k] = frames[frames.count - 1].pathID
    }

    /// `case`/`default` labels, `match` / `when` arms: a token that starts a new arm in a segmented frame.
    mutating func segmentStart(_ k: Int) {
        let top = frames.count - 1
        switch frames[top].segmentMode {
        case .labels:
            guard tokens[k].kind == .keyword, word(k, "case") || word(k, "default") else { return }
        case .arrows:
            guard frames[top].awaitingArm, punct(k) != 0x7D else { return }
            frames[top].awaitingArm = false
        case .ruby, .none: return
        }
        let next = frames[top].segment.map { BranchArm(construct: $0.construct, arm: $0.arm + 1) } ?? newConstruct()
        frames[top].segment = next
        refreshPath()
    }

    mutating func noteArmSeparator(_ k: Int, newline: Bool) {
        let top = frames.count - 1
        guard frames[top].segmentMode == .arrows, frames[top].sawArrow else { return }
        if newline && p.language == .rust { return }
        frames[top].sawArrow = false
        frames[top].awaitingArm = true
    }
}
