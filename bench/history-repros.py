#!/usr/bin/env python3
"""Minimal reproductions of the false-finding classes found by the history benchmark (bench/history-review.md).
Each case is a tiny repository: the `old` files are committed, the `new` files are staged on top, and
`belay check --no-checks --format json` runs. Every case not named MISS-… is a correct change that a project
merged, so the expected verdict is pass. The MISS-… cases are real renames with one caller left behind (from
bench/rename-replay.sh failures): they must be blocked with a rename-leftover error. The script prints, per
case, the error findings belay reports.
   BELAY=/path/to/belay bench/history-repros.py [CASE…]       exit 1 when any case is still wrong"""
import json, os, shutil, subprocess, sys, tempfile

D = None  # a file deleted in the new version

CASES = {
    # ---------------------------------------------------------------- rename-leftover
    "RL1-python-import-swap": (
        {"app/templating.py": "from .globals import current_app\n\ndef render():\n    return current_app.name\n",
         "app/globals.py": "current_app = object()\napp_ctx = object()\n",
         "app/views.py": "from .globals import current_app\n\ndef index():\n    return current_app\n"},
        {"app/templating.py": "from .globals import app_ctx\n\ndef render():\n    return app_ctx.app.name\n"}),
    "RL1-kotlin-import-path": (
        {"src/ATest.kt": "import org.junit.Assert.fail\nimport org.junit.Test\n\nclass ATest {\n    @Test fun a() { fail() }\n}\n",
         "src/BTest.kt": "import org.junit.Assert.assertEquals\nimport org.junit.Test\n\nclass BTest {\n    @Test fun b() = assertEquals(2, 2)\n}\n",
         "src/CTest.kt": "import org.junit.Assert.assertTrue\nimport org.junit.Test\n\nclass CTest {\n    @Test fun c() = assertTrue(true)\n}\n"},
        {"src/ATest.kt": "import org.junit.jupiter.api.Assertions\nimport org.junit.jupiter.api.Test\n\nclass ATest {\n    @Test fun a() { Assertions.fail<Unit>() }\n}\n"}),
    "RL1-rust-use-swap": (
        {"src/response/mod.rs": "pub trait IntoResponse {}\npub struct ForceStatusCode;\n\n#[cfg(test)]\nmod tests {\n    use crate::Json;\n    use crate::response::IntoResponse;\n\n    fn f() -> impl IntoResponse { () }\n}\n",
         "src/other.rs": "use crate::response::IntoResponse;\n\npub fn g() -> impl IntoResponse { () }\n",
         "src/more.rs": "use crate::response::IntoResponse;\n\npub fn h() -> impl IntoResponse { () }\n"},
        {"src/response/mod.rs": "pub trait IntoResponse {}\npub struct ForceStatusCode;\n\n#[cfg(test)]\nmod tests {\n    use crate::Json;\n    use crate::response::ForceStatusCode;\n    use crate::response::{\n        IntoResponse, IntoResponseParts,\n    };\n\n    fn f() -> impl IntoResponse { ForceStatusCode }\n}\n"}),
    "RL2-keyword-argument-at-call-site": (
        {"cli.py": "import dotenv\n\ndef load(name):\n    return dotenv.find_dotenv(name, usecwd=True)\n",
         "other.py": "import dotenv\n\ndef f(n):\n    return dotenv.find_dotenv(n, usecwd=True)\n"},
        {"cli.py": "import dotenv\n\ndef load(name):\n    return dotenv.dotenv_values(name, encoding=\"utf-8\")\n"}),
    "RL2-swift-argument-label": (
        {"Tests/MiddlewareTests.swift": "func testTracing() async throws {\n    try await app.testable(method: .running(hostname: \"127.0.0.1\", port: 8080)).test(\n        .GET,\n        \"/t\"\n    )\n}\n",
         "Sources/Testable.swift": "enum Method { case inMemory, running(hostname: String, port: Int) }\nextension Application {\n    func testable(method: Method = .inMemory) -> Tester { Tester(method: method) }\n}\n"},
        {"Tests/MiddlewareTests.swift": "func testTracing() async throws {\n    try await app.server.start(address: .hostname(\"127.0.0.1\", port: 0))\n}\n"}),
    "RL3-local-variable": (
        {"Retrofit.java": "final class Retrofit {\n  Object load(Method method) {\n    Object result = cache.get(method);\n    if (result == null) {\n      result = cache.putIfAbsent(method, lock);\n    }\n    return result;\n  }\n}\n",
         "Result.java": "final class Result {\n  static Result success() { return new Result(); }\n}\n",
         "Call.java": "final class Call {\n  Result result() { return Result.success(); }\n}\n"},
        {"Retrofit.java": "final class Retrofit {\n  Object load(Method method) {\n    Object lookup = cache.get(method);\n    if (lookup == null) {\n      lookup = cache.putIfAbsent(method, lock);\n    }\n    return lookup;\n  }\n}\n"}),
    "RL3-parameter": (
        {"pkg/openapi.py": "def params(\n    *,\n    dependant: Dependant,\n    model_name_map: dict,\n):\n    return dependant.query\n",
         "pkg/deps.py": "def solve(dependant: Dependant):\n    return dependant\n\ndef flat(dependant: Dependant):\n    return [dependant]\n"},
        {"pkg/openapi.py": "def params(\n    *,\n    flat_dependant: Dependant,\n    model_name_map: dict,\n):\n    return flat_dependant.query\n"}),
    "RL3-nested-class-in-test": (
        {"tests/test_views.py": "def test_a(app):\n    class Index1(View):\n        pass\n    app.add(Index1.as_view('index1'))\n",
         "tests/test_more.py": "def test_b(client):\n    assert client.get('/index1')\n"},
        {"tests/test_views.py": "def test_a(app):\n    class Index(View):\n        pass\n    app.add(Index.as_view('index'))\n"}),
    "RL4-go-case-distinct-identifier": (
        {"help.go": "package cli\n\ntype helpPrinter func(templ string)\n\nvar HelpPrinter helpPrinter = printHelp\n\nfunc printHelp(templ string) {}\n",
         "command.go": "package cli\n\nfunc run() { HelpPrinter(\"x\") }\n"},
        {"help.go": "package cli\n\ntype HelpPrinterFunc func(templ string)\n\nvar HelpPrinter HelpPrinterFunc = printHelp\n\nfunc printHelp(templ string) {}\n"}),
    "RL4-ruby-inherited-method": (
        {"lib/uploaded_file.rb": "class UploadedFile\n  def respond_to?(*args)\n    super || @file.respond_to?(*args)\n  end\nend\n",
         "lib/body.rb": "def each(body)\n  body.each { |x| yield x } if body.respond_to?(:each)\nend\n",
         "lib/lint.rb": "def check(io)\n  raise 'no read' unless io.respond_to?(:read)\nend\n"},
        {"lib/uploaded_file.rb": "class UploadedFile\n  def respond_to_missing?(*args)\n    super || @file.respond_to?(*args)\n  end\nend\n"}),
    "RL4-swift-typealias-kept": (
        {"Sources/TestUtils/Request.swift": "public struct XCTHTTPRequest: Sendable {\n    var body: String\n}\n",
         "Sources/XCTVapor/Tester.swift": "func send(_ r: XCTHTTPRequest) {}\nfunc make() -> XCTHTTPRequest { XCTHTTPRequest(body: \"\") }\n"},
        {"Sources/TestUtils/Request.swift": "public struct TestingHTTPRequest: Sendable {\n    var body: String\n}\n",
         "Sources/TestUtils/Migration.swift": "public typealias XCTHTTPRequest = TestingHTTPRequest\n"}),
    "RL4-kotlin-other-class": (
        {"r2dbc/R2dbcTransaction.kt": "class R2dbcTransaction {\n    fun closeExecutedStatements() {}\n}\n",
         "jdbc/JdbcTransaction.kt": "class JdbcTransaction {\n    fun closeExecutedStatements() {}\n}\n",
         "jdbc/Use.kt": "fun done(t: JdbcTransaction) = t.closeExecutedStatements()\n"},
        {"r2dbc/R2dbcTransaction.kt": "class R2dbcTransaction {\n    fun clearExecutedStatements() {}\n}\n"}),
    "RL5-compound-and-prose-as-error": (
        {"deps/models.py": "class Dependant:\n    def _security_scheme(self):\n        return None\n",
         "security/base.py": "class SecurityScheme:\n    pass\n\nsecurity_scheme = SecurityScheme()\n",
         "docs/security.md": "Each security scheme is declared once.\n"},
        {"deps/models.py": "class Dependant:\n    pass\n\ndef _get_security_scheme(*, dependant):\n    return None\n"}),
    "RL6-definitions-moved-to-a-dependency": (
        {"Sources/Names.swift": "extension HTTPHeaders.Name {\n    public static let accept = Self(\"Accept\")\n    public static let allow = Self(\"Allow\")\n}\n",
         "Sources/Use.swift": "let a = headers[.accept]\nlet b = headers[.allow]\n",
         "Sources/More.swift": "func f(_ h: Headers) -> String? { h[.accept] }\n"},
        {"Sources/Names.swift": "extension HTTPField.Name {\n    public static let aIM = Self(\"A-IM\")\n    public static let acceptPost = Self(\"Accept-Post\")\n}\n"}),
    "RL7-receiver-type-taken-for-the-name": (
        {"src/Ext.kt": "internal suspend fun Exception.suspendAndThrow(): Nothing = throw this\n",
         "src/Call.java": "class Call { void f() throws Exception { try { g(); } catch (Exception e) { throw e; } } }\n"},
        {"src/Ext.kt": "internal suspend fun Throwable.suspendAndThrow(): Nothing = throw this\n"}),
    "RL9-kotlin-backquoted-name": (
        {"tests/A.kt": "class A {\n    @Test fun `test_issue_379_count_alias`() {}\n}\n",
         "tests/B.kt": "class B {\n    @Test fun test_issue_379_count_alias() {}\n}\n"},
        {"tests/A.kt": "class A {\n    @Test fun test_issue_379_count_alias() {}\n}\n"}),
    # ---------------------------------------------------------------- added-not-replaced
    "ANR1-sibling-import-added": (
        {"app/scaffold.py": "from jinja2 import FileSystemLoader\n\n\ndef jinja_loader(self) -> FileSystemLoader | None:\n    return FileSystemLoader('t')\n"},
        {"app/scaffold.py": "from jinja2 import BaseLoader\nfrom jinja2 import FileSystemLoader\n\n\ndef jinja_loader(self) -> BaseLoader | None:\n    return FileSystemLoader('t')\n"}),
    "ANR1-sibling-function-added": (
        {"src/body.rs": "impl Body {\n    pub fn empty() -> Self {\n        Self::new(Empty::new())\n    }\n}\n\n#[test]\nfn size() {\n    assert_eq!(Body::empty().size_hint(), 0);\n}\n"},
        {"src/body.rs": "impl Body {\n    pub fn empty() -> Self {\n        Self::new(Empty::new())\n    }\n\n    pub fn unknown() -> Self {\n        Self::new(Unknown::new())\n    }\n}\n\n#[test]\nfn size() {\n    assert_eq!(Body::unknown().size_hint(), 0);\n}\n"}),
    "ANR1-enum-case-added": (
        {"Sources/State.swift": "enum State {\n    case noSignalReceived\n    case done\n}\nvar state = State.noSignalReceived\n"},
        {"Sources/State.swift": "enum State {\n    case notCalledYet\n    case noSignalReceived\n    case done\n}\nvar state = State.notCalledYet\n"}),
    "ANR2-call-passes-old-and-new": (
        {"src/tx.kt": "fun registerManager(database: Database, manager: Manager) {\n    managers.register(manager)\n}\n\nfun lookup(manager: Manager) = managers[manager]\n"},
        {"src/tx.kt": "fun registerManager(database: Database, manager: Manager) {\n    managers.register(database, manager)\n}\n\nfun lookup(database: Database) = managers[database]\n"}),
    "ANR3-return-line-copied": (
        {"cmd_test.go": "package cli\n\nfunc a() *Command {\n\tx := 1\n\t_ = x\n\treturn nil\n}\n\nfunc b() *Command {\n\treturn nil\n}\n"},
        {"cmd_test.go": "package cli\n\nfunc a() *Command {\n\tx := 1\n\t_ = x\n\treturn nil\n}\n\nfunc b() *Command {\n\tcmd := newCmd()\n\treturn cmd\n}\n\nfunc c() *Command {\n\tcmd := newCmd()\n\treturn cmd\n}\n"}),
    # ---------------------------------------------------------------- other rules
    "DP1-kotlin-annotation-use-site-target": (
        {"src/BookService.kt": "class BookService(\n    private val jdbcTemplate: JdbcTemplate\n)\n"},
        {"src/BookService.kt": "class BookService(\n    @param:Qualifier(\"operations1\")\n    private val operations1: TransactionOperations,\n"
                               "    @param:Qualifier(\"operations2\")\n    private val operations2: TransactionOperations,\n"
                               "    private val jdbcTemplate: JdbcTemplate\n)\n"}),

    "MIX-file-already-mixed": (
        {"CHANGELOG.md": "# Changelog\n\n## 1.0\r\n\r\nold entry\r\nanother old entry\r\nthird\r\n"},
        {"CHANGELOG.md": "# Changelog\n\n## 1.1\n\nnew entry\n\n## 1.0\r\n\r\nold entry\r\nanother old entry\r\nthird\r\n"}),
    # ---------------------------------------------------------------- misses: these must be BLOCKED
    # (a real rename with one caller left behind; the leftover must be an error in that caller)
    "MISS-go-case-only-rename": (
        {"routes_test.go": "package gin\n\nfunc performRequest(method string) {}\n",
         "context_test.go": "package gin\n\nfunc t1() { performRequest(\"GET\") }\n",
         "gin_test.go": "package gin\n\nfunc t2() { performRequest(\"GET\") }\n"},
        {"routes_test.go": "package gin\n\nfunc PerformRequest(method string) {}\n",
         "context_test.go": "package gin\n\nfunc t1() { PerformRequest(\"GET\") }\n"}),
    "MISS-go-method-with-receiver": (
        {"flag.go": "package cli\n\ntype FlagBase struct{}\n\nfunc (f *FlagBase) GetFlagType() string { return \"\" }\n",
         "use.go": "package cli\n\nfunc g(f *FlagBase) string { return f.GetFlagType() }\n",
         "use2.go": "package cli\n\nfunc h(f *FlagBase) string { return f.GetFlagType() }\n"},
        {"flag.go": "package cli\n\ntype FlagBase struct{}\n\nfunc (f *FlagBase) TypeName() string { return \"\" }\n",
         "use2.go": "package cli\n\nfunc h(f *FlagBase) string { return f.TypeName() }\n"}),
    "MISS-java-static-method": (
        {"src/Util.java": "class Util {\n  static String readBody(String body) {\n    return body;\n  }\n}\n",
         "src/C.java": "class C { String f() { return Util.readBody(\"x\"); } }\n",
         "src/D.java": "class D { String f() { return Util.readBody(\"y\"); } }\n"},
        {"src/Util.java": "class Util {\n  static String buffer(String body) {\n    return body;\n  }\n}\n",
         "src/D.java": "class D { String f() { return Util.buffer(\"y\"); } }\n"}),
    "MISS-new-name-extends-old": (
        {"src/Defaults.java": "class Defaults {\n  static final int CONNECT_TIMEOUT = 15 * 1000;\n}\n",
         "src/OkClient.java": "class OkClient { int t = Defaults.CONNECT_TIMEOUT; }\n",
         "src/ApacheClient.java": "class ApacheClient { int t = Defaults.CONNECT_TIMEOUT; }\n"},
        {"src/Defaults.java": "class Defaults {\n  static final int CONNECT_TIMEOUT_MILLIS = 15 * 1000;\n}\n",
         "src/ApacheClient.java": "class ApacheClient { int t = Defaults.CONNECT_TIMEOUT_MILLIS; }\n"}),
    "GEN-built-bundle": (
        {"lib/fetch.js": "const supportsRequestStreams = true;\nexport default supportsRequestStreams;\n",
         "dist/axios.js": "var supportsRequestStreams = true;\nmodule.exports = supportsRequestStreams;\n",
         "dist/esm/axios.js": "const supportsRequestStreams = true;\nexport { supportsRequestStreams };\n"},
        {"lib/fetch.js": "const supportsRequestStream = true;\nexport default supportsRequestStream;\n"}),
}


def git(cwd, *args):
    subprocess.run(["git", "-C", cwd, *args], check=True, capture_output=True)


def write(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        if text is None:
            if os.path.exists(full):
                os.remove(full)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", newline="") as f:
            f.write(text)


def run(belay, name, old, new):
    root = tempfile.mkdtemp(prefix="belay-repro-")
    try:
        git(root, "init", "-q")
        git(root, "config", "user.email", "b@example.com")
        git(root, "config", "user.name", "bench")
        git(root, "config", "core.autocrlf", "false")
        write(root, old)
        git(root, "add", "-A")
        git(root, "commit", "-qm", "old")
        write(root, new)
        git(root, "add", "-A")
        r = subprocess.run([belay, "check", "--no-checks", "--no-cache", "--format", "json"], cwd=root,
                           capture_output=True, text=True)
        try:
            diags = json.loads(r.stdout)["diagnostics"]
        except (ValueError, KeyError):
            return r.returncode, [f"no JSON: {r.stderr.strip()[:200]}"]
        return r.returncode, [f"{d['rule']} {d['path']}:{d['line']} {d['message']}" for d in diags
                              if d["severity"] == "error"]
    finally:
        shutil.rmtree(root)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    belay = os.environ.get("BELAY") or shutil.which("belay") or os.path.join(here, "..", ".build", "release", "belay")
    names = sys.argv[1:] or list(CASES)
    blocked = 0
    for name in names:
        rc, errs = run(belay, name, *CASES[name])
        if name.startswith("MISS-"):
            ok = rc == 1 and any(e.startswith("rename-leftover") for e in errs)
            status = "blocked (expected)" if ok else f"MISSED (exit {rc}): the leftover must be an error"
        else:
            ok = rc == 0
            status = "pass" if ok else f"BLOCKED (exit {rc})"
        blocked += not ok
        print(f"{name:45} {status}")
        for e in errs[:4]:
            print(f"    {e[:150]}")
        if len(errs) > 4:
            print(f"    … {len(errs) - 4} more")
    print(f"{blocked}/{len(names)} cases still wrong (a false block, or a MISS- case not blocked)")
    sys.exit(1 if blocked else 0)


if __name__ == "__main__":
    main()
