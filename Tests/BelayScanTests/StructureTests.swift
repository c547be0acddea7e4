import XCTest

@testable import BelayScan

final class StructureTests: XCTestCase {
    func testPythonIndentationScopesAndBranches() {
        let source = """
            import os
            if a:
                import x
            elif b:
                import x
            else:
                import x
            def f(p):
                return p
            if c: import y
            else: import y
            try:
                import z
            except E:
                import z
            import os

            """
        let file = ScannedFile(source, language: .python)
        let xs = (0..<3).map { index(of: "x", in: file, occurrence: $0) }
        XCTAssertTrue(file.inExclusiveBranches(xs[0], xs[1]))
        XCTAssertTrue(file.inExclusiveBranches(xs[1], xs[2]))
        XCTAssertTrue(file.inExclusiveBranches(xs[0], xs[2]))
        let os = index(of: "os", in: file)
        let os2 = index(of: "os", in: file, occurrence: 1)
        XCTAssertFalse(file.inExclusiveBranches(os, xs[0]))
        XCTAssertEqual(file.scope(of: os), file.scope(of: os2))
        XCTAssertEqual(file.branchID(of: os), file.branchID(of: os2))
        XCTAssertEqual(file.scopes[file.scope(of: xs[0])].kind, .branch)
        let p = index(of: "p", in: file, occurrence: 1)
        XCTAssertEqual(file.scopes[file.scope(of: p)].kind, .definition)
        XCTAssertEqual(file.scope(of: index(of: "f", in: file)), 0)
        XCTAssertTrue(
            file.inExclusiveBranches(index(of: "y", in: file), index(of: "y", in: file, occurrence: 1)))
        XCTAssertTrue(
            file.inExclusiveBranches(index(of: "z", in: file), index(of: "z", in: file, occurrence: 1)))
        XCTAssertEqual(file.definitionScope(of: file.scope(of: xs[0])), 0)
    }

    func testDestructuredParameterIsNotTheFunctionBody() {
        let js = ScannedFile(
            "async function read({ a, b = {} }, c = {}) {\n  let x = a\n}\n", language: .javascript)
        let x = index(of: "x", in: js)
        XCTAssertEqual(js.scopes[js.scope(of: x)].kind, .definition)
        XCTAssertNotEqual(js.definitionScope(of: js.scope(of: x)), 0)
    }

    func testBraceBranchesSwitchesAndMatches() {
        let js = ScannedFile(
            "if (a) { x = 1 } else if (b) { x = 2 } else { x = 3 }\nx = 4\nswitch (v) { case 1: y = 1; break; case 2: y = 2 }\ntry { z() } catch (e) { z() }\n",
            language: .javascript)
        let x = (0..<4).map { index(of: "x", in: js, occurrence: $0) }
        XCTAssertTrue(js.inExclusiveBranches(x[0], x[1]))
        XCTAssertTrue(js.inExclusiveBranches(x[1], x[2]))
        XCTAssertFalse(js.inExclusiveBranches(x[2], x[3]))
        XCTAssertTrue(js.inExclusiveBranches(index(of: "y", in: js), index(of: "y", in: js, occurrence: 1)))
        XCTAssertTrue(js.inExclusiveBranches(index(of: "z", in: js), index(of: "z", in: js, occurrence: 1)))
        XCTAssertEqual(js.scope(of: x[3]), 0)

        let rust = ScannedFile("match v { 1 => a(), 2 => { a() } _ => a() }\nlet q = a;\n", language: .rust)
        let a = (0..<4).map { index(of: "a", in: rust, occurrence: $0) }
        XCTAssertTrue(rust.inExclusiveBranches(a[0], a[1]))
        XCTAssertTrue(rust.inExclusiveBranches(a[1], a[2]))
        XCTAssertFalse(rust.inExclusiveBranches(a[2], a[3]))

        let kotlin = ScannedFile("when (v) {\n  1 -> a()\n  else -> a()\n}\n", language: .kotlin)
        XCTAssertTrue(kotlin.inExclusiveBranches(index(of: "a", in: kotlin), index(of: "a", in: kotlin, occurrence: 1)))

        let go = ScannedFile("func f(a int) {\n\tif a { g() } else { g() }\n}\n", language: .go)
        XCTAssertEqual(go.scopes[go.scope(of: index(of: "if", in: go))].kind, .definition)
        XCTAssertTrue(go.inExclusiveBranches(index(of: "g", in: go), index(of: "g", in: go, occurrence: 1)))
    }

    func testRubyEndScopesAndBranches() {
        let source = """
            class A
              def f(a)
                if a
                  x = 1
                elsif b
                  x = 2
                else
                  x = 3
                end
                x = 4 if c
                case v
                when 1 then y = 1
                when 2 then y = 2
                end
              end
              def g = 1
              def h; end
              [1].each do |i| i end
            end
            z = 1

            """
        let file = ScannedFile(source, language: .ruby)
        let x = (0..<4).map { index(of: "x", in: file, occurrence: $0) }
        XCTAssertTrue(file.inExclusiveBranches(x[0], x[1]))
        XCTAssertTrue(file.inExclusiveBranches(x[0], x[2]))
        XCTAssertFalse(file.inExclusiveBranches(x[2], x[3]))
        XCTAssertTrue(file.inExclusiveBranches(index(of: "y", in: file), index(of: "y", in: file, occurrence: 1)))
        let classScope = file.scope(of: index(of: "f", in: file))
        XCTAssertEqual(file.scopes[classScope].kind, .definition)
        XCTAssertEqual(file.scope(of: index(of: "g", in: file)), classScope)
        XCTAssertEqual(file.scope(of: index(of: "h", in: file)), classScope)
        XCTAssertEqual(file.scope(of: index(of: "z", in: file)), 0)
        XCTAssertEqual(file.scopes[file.scope(of: index(of: "a", in: file, occurrence: 1))].kind, .definition)
    }

    /// Regression: `def ui=(v)` was taken for an endless `def name = expr`, so its `end` closed the class
    /// and methods of later classes were compared with this one's (duplicate-definition D5).
    func testRubySetterDefinitionIsNotEndless() {
        let source = "class A\n  def ui=(v)\n  end\n  def self.f=(v)\n  end\n  def g\n  end\nend\nz = 1\n"
        let file = ScannedFile(source, language: .ruby)
        let classScope = file.scope(of: index(of: "g", in: file))
        XCTAssertEqual(file.scopes[classScope].kind, .definition)
        XCTAssertEqual(file.scope(of: index(of: "ui", in: file)), classScope)
        XCTAssertEqual(file.scope(of: index(of: "z", in: file)), 0)
    }

    func testBracketsAndLogicalLines() {
        let file = ScannedFile("let a = f(1,\n  [2, 3]);\nlet b = {\n c: 1\n}\n", language: .javascript)
        XCTAssertEqual(file.logicalLines.map { file.text($0.lowerBound) }, ["let", "let", "c", "}"])
        XCTAssertEqual(file.matchingBracket(index(of: "[", in: file)), index(of: "]", in: file))
        XCTAssertNil(ScannedFile("a)", language: .javascript).matchingBracket(1))
    }

    func testKeywordHelpersAndClassify() {
        let file = ScannedFile("import os\nfrom a import b\ndef f(): pass  # import\n", language: .python)
        XCTAssertTrue(file.isImportKeyword(index(of: "import", in: file)))
        XCTAssertTrue(file.isImportKeyword(index(of: "from", in: file)))
        XCTAssertTrue(file.isDefinitionKeyword(index(of: "def", in: file)))
        XCTAssertTrue(file.token(index(of: "def", in: file), is: "def"))
        XCTAssertEqual(file.classify(offset: 0), .code)
        XCTAssertEqual(context(of: "import", in: "x = 1  # import\n", .python), .comment)
        XCTAssertEqual(context(of: "old", in: "/// old\nfn f() {}\n", .rust), .doc)
        XCTAssertEqual(context(of: "old", in: "x = /old/g\n", .javascript), .string)
        let ruby = ScannedFile("x = f rescue nil\nif a\n  y\nelse\n  y\nend\n", language: .ruby)
        XCTAssertEqual(ruby.branchPath(of: index(of: "x", in: ruby)), [])
        XCTAssertTrue(ruby.inExclusiveBranches(index(of: "y", in: ruby), index(of: "y", in: ruby, occurrence: 1)))
        XCTAssertEqual(ScannedFile(path: "lib/a.rb", bytes: Array("x".utf8))?.language, .ruby)
        XCTAssertNil(ScannedFile(path: "notes.txt", bytes: Array("x".utf8)))
    }

    func testLanguageDetection() {
        XCTAssertEqual(Language.detect(path: "app/x.py"), .python)
        XCTAssertEqual(Language.detect(path: "a/b.TSX"), .typescript)
        XCTAssertEqual(Language.detect(path: "Rakefile"), .ruby)
        XCTAssertEqual(Language.detect(path: "bin/tool", firstLine: "#!/usr/bin/env python3.12"), .python)
        XCTAssertEqual(Language.detect(path: "bin/tool", firstLine: "#!/usr/bin/env -S node --flag"), .javascript)
        XCTAssertEqual(Language.detect(path: "bin/tool", firstLine: "#!/usr/bin/ruby -w"), .ruby)
        XCTAssertNil(Language.detect(path: "README.md", firstLine: "# Title"))
        for language in Language.allCases { XCTAssertNotNil(language.profile, "\(language) has no profile") }
    }
}
