import BelayScan

// What duplicate-definition needs beyond signatures: Python registrations and rebinding after use, and
// where a type body opens.

/// Python decorators that make a same-named definition legal: `@overload`, `@x.setter`, `@f.register`.
private let pythonCompanionDecorators: Set<String> = ["overload", "setter", "getter", "deleter", "register"]

/// Decorator roots that wrap or mark a function without registering it: same-named definitions under
/// them still collide.
private let passThroughDecoratorRoots: Set<String> = [
    "functools", "wraps", "pytest", "unittest", "mock", "patch", "staticmethod", "classmethod", "property", "abc",
    "abstractmethod", "lru_cache", "cache", "cached_property", "contextmanager", "asynccontextmanager",
]

extension ScopeStatements {
    /// Whether a decorator makes a same-named definition legal: `@overload`, `@x.setter`, or a
    /// registration — a decorator that is an attribute access or a call (`@app.route("/")`,
    /// `@dispatch(int)`, `@f.register`), other than pass-through ones (`@functools.wraps(f)`, `@pytest.…`).
    func hasCompanionDecorator(_ statement: ScopeStatement) -> Bool {
        let end = statement.attributes.upperBound
        for k in statement.attributes where file.tokens[k].kind == .identifier {
            guard pythonCompanionDecorators.contains(file.text(k)) else { continue }
            let next = nextCode(k + 1, end)
            if next == end || punct(next) != 0x2E { return true }
        }
        var k = statement.attributes.lowerBound
        while k < end {
            guard punct(k) == 0x40 else {
                k += 1
                continue
            }
            let root = nextCode(k + 1, end)
            var j = root
            var registration = false
            while j < end, punct(j) != 0x40 {
                if punct(j) == 0x28 || punct(j) == 0x2E { registration = true }
                if punct(j) == 0x28, let close = file.matchingBracket(j) { j = close }
                j += 1
            }
            if registration, root < end, !passThroughDecoratorRoots.contains(file.text(root)) { return true }
            k = j
        }
        return false
    }
}

extension ScopeStatements {
    /// The `{` opening the body of the type named at `name`, even when the header spans lines
    /// (`class X\n    implements Y<Z> {`); `nil` for a body-less declaration (`type X = Y;`, `struct S;`).
    func typeBodyOpener(after name: Int) -> Int? {
        var k = name + 1
        while k < file.tokens.count {
            switch punct(k) {
            case 0x7B: return k
            case 0x3B, 0x3D, 0x7D: return nil
            case 0x28, 0x5B:
                guard let close = file.matchingBracket(k) else { return nil }
                k = close
            default: break
            }
            k += 1
        }
        return nil
    }

    /// Whether the name of the definition at `name` (whose header is `header`) is used before `limit` by
    /// code that runs right away: in the same body or a class body inside it, not in another function's
    /// body (those run later and see the last definition, as in ruff's F811). Member names do not count.
    func isRead(_ name: Int, after header: ScopeStatement, before limit: Int) -> Bool {
        let home = file.definitionScope(of: header.scope)
        for k in header.range.upperBound..<limit
        where file.tokens[k].kind == .identifier && sameText(k, name) && !isMemberName(k) {
            var scope = file.scope(of: k)
            var deferred = false
            while scope != home, let parent = file.scopes[scope].parent {
                if file.scopes[scope].kind == .definition && !isClassBody(scope) {
                    deferred = true
                    break
                }
                scope = parent
            }
            if !deferred { return true }
        }
        return false
    }
}
