import BelayRename
import BelayScan
import XCTest

/// Rename inference on small before/after pairs.
final class RenameInferenceTests: XCTestCase {
    private func renames(_ path: String, _ old: String, _ new: String, also: [FileVersions] = []) -> [InferredRename] {
        RenameInference.infer([FileVersions(path: path, old: Array(old.utf8), new: Array(new.utf8))] + also)
    }

    private func pairs(_ found: [InferredRename]) -> [String] { found.map { "\($0.old)→\($0.new)" } }

    func testParameterAndLocalVariable() throws {
        let found = renames(
            "app/services.py",
            "def process_data(old_field):\n    old_text = old_field.label\n    return old_text.upper()\n",
            "def process_data(new_field):\n    new_text = new_field.label\n    return old_text.upper()\n")
        XCTAssertEqual(pairs(found), ["old_field→new_field", "old_text→new_text"])
        let parameter = try XCTUnwrap(found.first)
        XCTAssertEqual(parameter.evidence.map(\.kind), [.parameter])
        XCTAssertEqual(parameter.evidence.map(\.oldLine), [1])
        XCTAssertFalse(parameter.isRepositoryWide)
        let local = found[1]
        XCTAssertEqual(local.evidence.first?.kind, .variable)
        XCTAssertEqual(local.evidence.first?.newLine, 2)
        XCTAssertFalse(local.isRepositoryWide)
    }

    func testFunctionClassAndMethod() {
        let found = renames(
            "lib/shapes.py",
            "class OldShape:\n    def old_area(self):\n        return 1\n\ndef old_helper():\n    pass\n",
            "class NewShape:\n    def new_area(self):\n        return 1\n\ndef new_helper():\n    pass\n")
        XCTAssertEqual(pairs(found), ["OldShape→NewShape", "old_area→new_area", "old_helper→new_helper"])
        XCTAssertEqual(found.map { $0.evidence[0].kind }, [.class, .method, .function])
        XCTAssertTrue(found.allSatisfy(\.isRepositoryWide))
    }

    func testField() {
        let models = renames(
            "app/models.py",
            "class Record(models.Model):\n    old_field = models.CharField(max_length=50)\n",
            "class Record(models.Model):\n    new_field = models.CharField(max_length=50)\n")
        XCTAssertEqual(pairs(models), ["old_field→new_field"])
        XCTAssertEqual(models.first?.evidence.first?.kind, .field)
    }

    /// DESIGN.md: swapping one import for another renames nothing (the repository never defined the name),
    /// and a keyword argument changed at a call site is the callee's parameter, renamed or not elsewhere.
    func testImportSwapsAndKeywordArgumentsAreNotRenames() {
        let imports = [
            ("app/views.py", "from app.util import old_helper\n", "from app.util import new_helper\n"),
            ("Tests/ATests.swift", "import XCTest\n\nfinal class A {}\n", "import Testing\n\nfinal class A {}\n"),
            ("src/A.java", "import java.util.HashMap;\nclass A {}\n", "import java.util.TreeMap;\nclass A {}\n"),
            ("web/a.js", "import { oldThing } from './x';\n", "import { newThing } from './x';\n"),
        ]
        for (path, old, new) in imports {
            let analysis = RenameEvidenceFinder.analyze([
                FileVersions(path: path, old: Array(old.utf8), new: Array(new.utf8))
            ])
            XCTAssertEqual(pairs(analysis.renames), [], path)
            XCTAssertTrue(analysis.rejected.contains { $0.reason.contains("import") }, "\(path): \(analysis.rejected)")
        }
        let call = renames(
            "tests/test_x.py", "process_data(old_field=\"value\")\n", "process_data(new_field=\"value\")\n")
        XCTAssertEqual(pairs(call), [])
    }

    func testAParameterOfABodilessFunctionStaysInItsSignature() throws {
        let stub = renames(
            "app/api.pyi", "def fetch(old_timeout: int) -> None: ...\n", "def fetch(new_timeout: int) -> None: ...\n")
        let rename = try XCTUnwrap(stub.first)
        XCTAssertEqual(pairs(stub), ["old_timeout→new_timeout"])
        XCTAssertFalse(rename.isRepositoryWide)
        XCTAssertTrue(rename.isParameter)
        XCTAssertEqual(rename.evidence.first?.callees, ["fetch"])
        let swift = renames(
            "Sources/Api.swift", "protocol Api {\n    func fetch(oldTimeout: Int)\n}\n",
            "protocol Api {\n    func fetch(newTimeout: Int)\n}\n")
        XCTAssertEqual(pairs(swift), ["oldTimeout→newTimeout"])
        XCTAssertFalse(swift.first?.isRepositoryWide ?? true)
    }

    func testAConstructorParameterIsPassedByTheTypeName() throws {
        let found = renames(
            "app/models.py", "class Record:\n    def __init__(self, old_field):\n        self.x = old_field\n",
            "class Record:\n    def __init__(self, new_field):\n        self.x = new_field\n")
        XCTAssertEqual(try XCTUnwrap(found.first).evidence.first?.callees, ["Record"])
    }

    func testJavaScriptAndSwift() {
        let js = renames(
            "web/app.js", "const oldField = 1;\nfunction show(oldLabel) {\n  return oldLabel;\n}\n",
            "const newField = 1;\nfunction show(newLabel) {\n  return newLabel;\n}\n")
        XCTAssertEqual(pairs(js), ["oldField→newField", "oldLabel→newLabel"])
        let swift = renames(
            "Sources/A.swift", "func load(oldField: Int) -> Int {\n    oldField\n}\n",
            "func load(newField: Int) -> Int {\n    newField\n}\n")
        XCTAssertEqual(pairs(swift), ["oldField→newField"])
    }

    func testAnArgumentChangeIsNotARename() {
        XCTAssertEqual(pairs(renames("a.py", "process(alpha)\n", "process(beta)\n")), [])
        XCTAssertEqual(pairs(renames("a.py", "x = compute(alpha)\n", "x = compute(beta)\n")), [])
    }

    func testShortNamesAreNotRenames() {
        XCTAssertEqual(pairs(renames("a.py", "for i in x:\n    i = 2\n", "for j in x:\n    j = 2\n")), [])
    }

    /// gin: `performRequest` → `PerformRequest` exports a Go function; only the exact old spelling is
    /// left over, since every other spelling of those words is the new name's.
    func testAChangeOfCaseIsARenameSearchedInItsExactSpelling() {
        let found = renames("a.py", "oldField = 1\n", "old_field = 1\n")
        XCTAssertEqual(pairs(found), ["oldField→old_field"])
        XCTAssertTrue(found.first?.isRestyle ?? false)
        XCTAssertEqual(
            leftovers(
                "gin.go", "package gin\n\nfunc performRequest() {}\n", "package gin\n\nfunc PerformRequest() {}\n",
                others: ["gin_test.go": "package gin\n\nfunc TestA() {\n\tperformRequest()\n\tPerformRequest()\n}\n"]),
            ["gin_test.go:4 error"])
    }

    func testANameStillDefinedElsewhereIsNotARename() {
        let other = FileVersions(
            path: "app/other.py", old: Array("def old_helper():\n    pass\n".utf8),
            new: Array("def old_helper():\n    return 1\n".utf8))
        let found = renames("app/a.py", "def old_helper():\n    pass\n", "def new_helper():\n    pass\n", also: [other])
        XCTAssertEqual(pairs(found), [])
        let sameFile = renames(
            "app/a.py", "def old_helper():\n    pass\n",
            "def new_helper():\n    pass\n\ndef old_helper():\n    pass\n")
        XCTAssertEqual(pairs(sameFile), [])
    }

    /// Rewrites that the line alignment pairs up are not renames: a name that already existed (a header
    /// table reordered), one old name turned into several, a line that lost tokens.
    func testRewritesAreNotRenames() {
        let reordered = RenameEvidenceFinder.analyze([
            FileVersions(
                path: "Sources/Names.swift",
                old: Array(
                    "enum H {\n    static let acceptPost = N(\"Accept-Post\")\n    static let allow = N(\"Allow\")\n}\n"
                        .utf8),
                new: Array("enum H {\n    static let acceptPost = N(\"Accept-Post\")!\n}\n".utf8))
        ])
        XCTAssertEqual(pairs(reordered.renames), [])
        let split = renames(
            "a.py", "def run():\n    sync = 1\n    use(sync)\n    sync = 2\n    use(sync)\n",
            "def run():\n    cached = 1\n    use(cached)\n    port = 2\n    use(port)\n")
        XCTAssertEqual(pairs(split), [])
        let rewritten = renames(
            "Sources/S.swift", "func start(hostname: String?, port: Int?) throws {\n}\n",
            "func start(address: BindAddress?) throws {\n}\n")
        XCTAssertEqual(pairs(rewritten), [])
        let grown = renames(
            "app/models.py", "class R:\n    old_field = CharField(max_length=50)\n",
            "class R:\n    new_field = CharField(max_length=50, db_column=\"old_field\")\n")
        XCTAssertEqual(pairs(grown), ["old_field→new_field"], "arguments may join a renamed line")
        let overload = renames(
            "src/Response.java",
            "class Response {\n  static Response success(int code) {\n    return null;\n  }\n\n  static Response fakeSuccess(Object body) {\n    return null;\n  }\n}\n",
            "class Response {\n  static Response success(int code) {\n    return null;\n  }\n\n  static Response success(Object body) {\n    return null;\n  }\n}\n"
        )
        XCTAssertEqual(pairs(overload), ["fakeSuccess→success"], "a method may join an overload family")
    }

    /// The leftovers of `old` → `new` in a change of one file, as (line, severity) pairs.
    private func leftovers(
        _ path: String, _ old: String, _ new: String, others: [String: String] = [:]
    ) -> [String] {
        let files = [path: new].merging(others) { a, _ in a }
        let candidates = renames(path, old, new)
        let resolution = RenameInference.resolve(
            candidates, files: files.keys.sorted(), exclude: [], reader: { files[$0].map { Array($0.utf8) } })
        return resolution.leftovers.map { "\($0.hit.path):\($0.hit.line) \($0.severity.rawValue)" }
    }

    /// vapor: a local `commands` renamed to `asyncCommands`, while `self.commands` is a stored property.
    func testAMemberOfTheSameNameIsNotALeftoverOfALocal() {
        let found = leftovers(
            "Sources/Core.swift",
            "struct S {\n    init() {\n        var commands = Commands()\n        commands.use(1)\n        self.commands = commands\n    }\n}\n",
            "struct S {\n    init() {\n        var asyncCommands = AsyncCommands()\n        asyncCommands.use(1)\n        self.commands = commands\n    }\n}\n"
        )
        XCTAssertEqual(
            found, ["Sources/Core.swift:5 error"], "the right-hand `commands` is the leftover, not self.commands")
    }

    /// Graded by evidence: an exact reference is an error; prose, compounds and comments are warnings.
    func testLeftoversAreGradedByEvidence() {
        let found = leftovers(
            "app/util.py", "def legacy_reader():\n    pass\n", "def modern_reader():\n    pass\n",
            others: [
                "app/a.py": "from app.util import legacy_reader\nx = legacy_reader()\n",
                "app/b.py": "# call legacy_reader first\nNAME = \"legacy_reader\"\nTITLE = \"the legacy reader\"\n",
                "app/c.py": "def test_parse_with_legacy_reader():\n    pass\n",
                "docs/guide.md": "Use legacy_reader.\n",
            ])
        XCTAssertEqual(
            found,
            [
                "app/a.py:1 error", "app/a.py:2 error", "app/b.py:1 warning", "app/b.py:2 error", "app/b.py:3 warning",
                "app/c.py:1 warning", "docs/guide.md:1 warning",
            ])
    }

    /// flask: a module-level annotated assignment defines the name; a pytest fixture is used by naming it
    /// as a parameter.
    func testAnnotatedAssignmentsAndFixtures() {
        XCTAssertEqual(
            leftovers(
                "src/globals.py", "_cv_req: ContextVar[int] = ContextVar(\"r\")\n",
                "_cv_request: ContextVar[int] = ContextVar(\"r\")\n",
                others: ["src/app.py": "from .globals import _cv_req\n"]),
            ["src/app.py:1 error"])
        XCTAssertEqual(
            leftovers(
                "tests/conftest.py", "@pytest.fixture\ndef apps_tmpdir(tmp_path):\n    return tmp_path\n",
                "@pytest.fixture\ndef modules_tmpdir(tmp_path):\n    return tmp_path\n",
                others: ["tests/test_config.py": "def test_it(apps_tmpdir):\n    assert apps_tmpdir\n"]),
            ["tests/test_config.py:1 error", "tests/test_config.py:2 error"])
    }

    /// axios: the built bundle keeps the old name until the next release; that is not a leftover.
    func testGeneratedFilesHoldNoLeftovers() {
        XCTAssertEqual(
            leftovers(
                "lib/fetch.js", "export const supportsRequestStreams = 1;\n",
                "export const supportsRequestStream = 1;\n",
                others: ["dist/axios.js": "x(supportsRequestStreams);\n", "lib/use.js": "x(supportsRequestStreams);\n"]),
            ["lib/use.js:1 error"])
    }

    /// Exposed: assigning a Kotlin property (`hasBathedValues = true`) does not define it again; gin: a Go
    /// parameter's type is not a parameter; retrofit: generic Java methods and anonymous classes.
    func testAssignmentsAndTypesAreNotDefinitions() {
        XCTAssertEqual(
            leftovers(
                "src/Builder.kt", "class Builder {\n    var hasBathedValues = false\n}\n",
                "class Builder {\n    var hasBatchedValues = false\n}\n",
                others: [
                    "src/Insert.kt":
                        "class Insert : Builder() {\n    fun add() {\n        hasBathedValues = true\n    }\n}\n"
                ]),
            ["src/Insert.kt:3 error"])
        XCTAssertEqual(
            leftovers(
                "routergroup.go", "package gin\n\ntype routesInterface interface {\n}\n",
                "package gin\n\ntype RoutesInterface interface {\n}\n",
                others: [
                    "routergroup_test.go": "package gin\n\nfunc testRoutes(t *testing.T, r routesInterface) {\n}\n"
                ]),
            ["routergroup_test.go:3 error"])
        XCTAssertEqual(
            pairs(
                renames(
                    "src/Response.java",
                    "class Response<T> {\n  public static <T> Response<T> fakeSuccess(T body) {\n    return null;\n  }\n}\n",
                    "class Response<T> {\n  public static <T> Response<T> success(T body) {\n    return null;\n  }\n}\n"
                )),
            ["fakeSuccess→success"])
        XCTAssertEqual(
            pairs(
                renames(
                    "src/T.java",
                    "class T {\n  void f() {\n    x(new Factory() {\n      public Converter<A, ?> fromBody(Type t) {\n        return null;\n      }\n    });\n  }\n}\n",
                    "class T {\n  void f() {\n    x(new Factory() {\n      public Converter<A, ?> bodyConverter(Type t) {\n        return null;\n      }\n    });\n  }\n}\n"
                )), ["fromBody→bodyConverter"])
    }

    /// vapor: `withRunningApp(app: remoteApp)` labels an argument `app` inside the function whose local
    /// `app` became `remoteApp`; a one-word string ("sync") is not the renamed name for sure.
    func testLabelsAndOneWordStrings() {
        XCTAssertEqual(
            leftovers(
                "Tests/ClientTests.swift",
                "func withRemoteApp() {\n    let app = Application()\n    run(app: app)\n}\n",
                "func withRemoteApp() {\n    let remoteApp = Application()\n    run(app: remoteApp)\n}\n"), [])
        XCTAssertEqual(
            leftovers(
                "Sources/Mode.swift", "struct Mode {\n    static let sync = 1\n}\n",
                "struct Mode {\n    static let port = 1\n}\n",
                others: ["Sources/Use.swift": "let label = \"sync\"\nlet m = Mode.sync\n"]),
            ["Sources/Use.swift:1 warning", "Sources/Use.swift:2 error"])
    }

    /// retrofit: the website's HTML shows the old API in examples (a warning); a template expression is code.
    func testMarkupIsProseExceptTemplateExpressions() {
        XCTAssertEqual(
            leftovers(
                "app/models.py", "class R:\n    old_field = 1\n", "class R:\n    new_field = 1\n",
                others: [
                    "website/index.html": "<pre>r.old_field</pre>\n", "templates/r.html": "<p>{{ r.old_field }}</p>\n",
                ]),
            ["templates/r.html:1 error", "website/index.html:1 warning"])
    }

    /// retrofit: the parameter `method` became `httpMethod`, and `method` in the body is the class's field.
    func testAFieldOfTheOldNameMakesALocalsLeftoverAWarning() {
        XCTAssertEqual(
            leftovers(
                "src/Parser.java",
                "class Parser {\n  private final Method method;\n\n  void parse(String method) {\n    fail(method);\n  }\n}\n",
                "class Parser {\n  private final Method method;\n\n  void parse(String httpMethod) {\n    fail(method);\n  }\n}\n"
            ),
            ["src/Parser.java:5 warning"])
    }

    /// A name still defined in a file the change never opened was not renamed.
    func testANameStillDefinedInAnUnchangedFileIsNotRenamed() {
        let found = leftovers(
            "lib/a.py", "def load_config():\n    pass\n", "def read_config():\n    pass\n",
            others: ["lib/b.py": "def load_config():\n    return 1\n", "lib/c.py": "load_config()\n"])
        XCTAssertEqual(found, [])
    }

    /// retrofit: a Java local assigned again was read as a field and searched in every file.
    func testJavaLocalsStayInTheirMethod() throws {
        let found = renames(
            "src/A.java",
            "class A {\n  Object get(Method method) {\n    Object result = cache.get(method);\n    result = cache.put(method);\n    return result;\n  }\n}\n",
            "class A {\n  Object get(Method method) {\n    Object lookup = cache.get(method);\n    lookup = cache.put(method);\n    return lookup;\n  }\n}\n"
        )
        XCTAssertEqual(pairs(found), ["result→lookup"])
        XCTAssertFalse(try XCTUnwrap(found.first).isRepositoryWide)
    }

    /// Methods declared without a keyword (Java, JavaScript classes) and Go methods with a receiver are
    /// renames too; a Kotlin receiver type is not the function's name.
    func testMethodsWithoutAKeywordAndReceivers() {
        XCTAssertEqual(
            pairs(
                renames(
                    "src/Utils.java",
                    "class Utils {\n  static ResponseBody readBodyToBytesIfNecessary(ResponseBody body) {\n    return body;\n  }\n}\n",
                    "class Utils {\n  static ResponseBody buffer(ResponseBody body) {\n    return body;\n  }\n}\n")),
            ["readBodyToBytesIfNecessary→buffer"])
        XCTAssertEqual(
            pairs(
                renames(
                    "src/Utils.java", "final class Utils {\n  static void closeQueitly(Closeable c) {\n  }\n}\n",
                    "final class Utils {\n  static void closeQuietly(Closeable c) {\n  }\n}\n")),
            ["closeQueitly→closeQuietly"])
        XCTAssertEqual(
            leftovers(
                "src/Utils.java",
                "class Utils {\n  static String joinParts(List<String> parts) {\n    return null;\n  }\n}\n",
                "class Utils {\n  static String concatParts(List<String> parts) {\n    return null;\n  }\n}\n",
                others: [
                    "src/A.java":
                        "class A {\n  void f() {\n    for (Part joinParts : parts) {\n      use(joinParts);\n    }\n    Utils.joinParts(x);\n  }\n}\n"
                ]), ["src/A.java:6 error"], "the for-each variable is a local of its own")
        XCTAssertEqual(
            pairs(
                renames(
                    "web/store.js", "class Store {\n  async loadItems(id) {\n    return id;\n  }\n}\n",
                    "class Store {\n  async fetchItems(id) {\n    return id;\n  }\n}\n")),
            ["loadItems→fetchItems"])
        XCTAssertEqual(
            pairs(
                renames(
                    "flag.go", "func (f *FlagBase[T]) GetFlagType() string {\n\treturn \"\"\n}\n",
                    "func (f *FlagBase[T]) TypeName() string {\n\treturn \"\"\n}\n")),
            ["GetFlagType→TypeName"])
        XCTAssertEqual(
            pairs(
                renames(
                    "src/Errors.kt", "internal suspend fun Exception.suspendAndThrow() {\n}\n",
                    "internal suspend fun Throwable.suspendAndThrow() {\n}\n")),
            [], "the receiver type changed; the function kept its name")
    }

    /// flask: a class and its methods declared inside a test function are local to that function.
    func testATypeInsideAFunctionIsLocal() throws {
        let found = renames(
            "tests/test_views.py",
            "def test_it():\n    class Index1(View):\n        def get(self):\n            return 1\n",
            "def test_it():\n    class Index2(View):\n        def get(self):\n            return 1\n")
        XCTAssertEqual(pairs(found), ["Index1→Index2"])
        XCTAssertFalse(try XCTUnwrap(found.first).isRepositoryWide)
    }

    func testLineDiffAlignsAroundInsertions() {
        let hunks = LineDiff.hunks([1, 2, 3, 4, 5], [1, 9, 3, 4, 7, 5])
        XCTAssertEqual(hunks, [DiffHunk(old: 1..<2, new: 1..<2), DiffHunk(old: 4..<4, new: 4..<5)])
        XCTAssertEqual(LineDiff.hunks([], [1]), [DiffHunk(old: 0..<0, new: 0..<1)])
        XCTAssertEqual(LineDiff.hunks([1, 2], [1, 2]), [])
    }
}
