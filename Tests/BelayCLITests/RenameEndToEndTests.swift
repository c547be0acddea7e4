import Foundation
import XCTest

/// `rename-leftover` through `belay check`, and `belay rename-audit`, in real git repositories.
final class RenameEndToEndTests: XCTestCase {
    static let services = """
        def process_data(old_field):
            old_text = old_field.label
            return old_text.upper()


        def other(old_text):
            return old_text

        """

    /// A repository where `old_field` is a model field used across the stack, committed.
    private func makeRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("app/services.py", Self.services)
        try repo.write(
            "app/models.py", "class Record(models.Model):\n    old_field = models.CharField(max_length=50)\n")
        try repo.write(
            "tests/test_services.py",
            "from app.services import process_data\n\n\ndef test_it():\n    assert process_data(old_field=\"value\")\n")
        try repo.write("web/record.js", "export const label = (record) => record.oldField;\n")
        try repo.write("app/settings.py", "OLD_FIELD_MAX = 50\n")
        try repo.write("templates/record.html", "<a href=\"/records/old-field/\">edit</a>\n")
        try repo.write("app/migrations/0001_initial.py", "migrations.AddField(\"record\", \"old_field\")\n")
        try repo.write("CHANGELOG.md", "- add old_field\n")
        try repo.write("docs/notes.txt", "old_field is the legacy name\n")
        try repo.commitAll("initial")
        return repo
    }

    func testGhostVariableIsCaughtInsideItsFunctionOnly() throws {
        let repo = try makeRepository()
        try repo.write(
            "app/services.py",
            Self.services.replacingOccurrences(of: "    old_text = old_field", with: "    new_text = old_field"))
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(
            result.out.contains(
                "app/services.py:3:12: error[rename-leftover]: 'old_text' is a leftover of the rename old_text → new_text (renamed at app/services.py:2)"
            ), result.out)
        XCTAssertTrue(result.out.contains("hint: rename it to 'new_text'"), result.out)
        XCTAssertFalse(result.out.contains("app/services.py:6"), "other(old_text) is another function: \(result.out)")
        XCTAssertFalse(result.out.contains("docs/notes.txt"), result.out)
    }

    func testUntouchedCallerWithAKeywordArgument() throws {
        let repo = try makeRepository()
        try repo.write(
            "app/services.py",
            Self.services.replacingOccurrences(of: "process_data(old_field)", with: "process_data(new_field)")
                .replacingOccurrences(of: "= old_field.label", with: "= new_field.label"))
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let paths = try diagnosticPaths(result.out)
        // The parameter's scope: its function and keyword call sites; not the model, the JS or the docs.
        XCTAssertEqual(paths, ["tests/test_services.py"], result.out)
    }

    func testFieldRenameReachesFrontendConstantsAndURLsButNotMigrations() throws {
        let repo = try makeRepository()
        try repo.write(
            "app/models.py",
            "class Record(models.Model):\n    new_field = models.CharField(max_length=50, db_column=\"old_field\")\n")
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let diagnostics = try parse(result.out)
        func paths(_ severity: String) -> Set<String> {
            Set(diagnostics.filter { $0["severity"] as? String == severity }.compactMap { $0["path"] as? String })
        }
        // An error where the code names the field: the frontend's camelCase spelling, across layers. The
        // parameter `old_field` of process_data is another definition (its body and its keyword call
        // site in the tests are not leftovers); compounds, URLs inside strings and prose are warnings.
        XCTAssertEqual(paths("error"), ["web/record.js"], result.out)
        XCTAssertEqual(paths("warning"), ["app/settings.py", "templates/record.html", "docs/notes.txt"], result.out)
        XCTAssertEqual(paths("note"), ["app/models.py"], "the wire name is a note")
        let messages = diagnostics.compactMap { $0["message"] as? String }.joined(separator: "\n")
        XCTAssertTrue(messages.contains("'oldField' is a leftover of the rename old_field → new_field"), messages)
        XCTAssertTrue(messages.contains("'OLD_FIELD_MAX' inside a longer name is a leftover"), messages)
        XCTAssertTrue(messages.contains("'old-field' in a string is a leftover"), messages)
        XCTAssertTrue(messages.contains("'old_field' in a document is a leftover"), messages)
    }

    func testAFieldRenameStillBlocksExactReferencesInCode() throws {
        let repo = try makeRepository()
        try repo.write("app/views.py", "def show(record):\n    return record.old_field\n")
        try repo.write("app/forms.py", "FIELDS = [\"old_field\"]\n")
        try repo.commitAll("views")
        try repo.write(
            "app/models.py", "class Record(models.Model):\n    new_field = models.CharField(max_length=50)\n")
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let errors = Set(
            try parse(result.out).filter { $0["severity"] as? String == "error" }.compactMap { $0["path"] as? String })
        XCTAssertEqual(errors, ["app/views.py", "app/forms.py", "web/record.js"], result.out)
    }

    func testRenameExcludeAndRuleSettingsAreHonoured() throws {
        let repo = try makeRepository()
        try repo.config("{ rename: { exclude: [\"web/**\", \"docs\", \"templates\", \"tests\"] } }\n")
        try repo.write("app/views.py", "def show(record):\n    return record.old_field\n")
        try repo.write("web/views.js", "export const show = (record) => record.old_field;\n")
        try repo.commitAll("config")
        try repo.write("app/settings.py", "NEW_FIELD_MAX = 50\n")
        try repo.write(
            "app/models.py", "class Record(models.Model):\n    new_field = models.CharField(max_length=50)\n")
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks", "--format", "json")
        XCTAssertEqual(try diagnosticPaths(result.out), ["app/views.py"], result.out)
        XCTAssertEqual(repo.belay("check", "--no-checks", "--skip", "rename-leftover").code, 0)
    }

    func testANameStillDefinedElsewhereIsNotSearched() throws {
        let repo = try makeRepository()
        try repo.write(
            "app/models.py",
            "class Record(models.Model):\n    new_field = models.CharField(max_length=50)\n\n\nclass Other(models.Model):\n    old_field = 1\n"
        )
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks")
        XCTAssertEqual(result.code, 0, result.all)
    }

    func testAddedNotReplacedBlocksTheCommit() throws {
        let repo = try makeRepository()
        try repo.write(
            "app/models.py",
            "class Record(models.Model):\n    old_field = models.CharField(max_length=50)\n    new_field = models.CharField(max_length=50)\n"
        )
        try repo.write(
            "app/services.py",
            Self.services.replacingOccurrences(of: "process_data(old_field)", with: "process_data(new_field)")
                .replacingOccurrences(of: "= old_field.label", with: "= new_field.label"))
        try repo.git("add", "-A")
        let result = repo.belay("check", "--no-checks")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(
            result.out.contains(
                "app/models.py:3:5: error[added-not-replaced]: this line copies line 2 with 'old_field' → 'new_field'"),
            result.out)
    }

    func testLeftoversAreJudgedAsCommittedInRangesAndAgainstTheIndex() throws {
        let repo = try makeRepository()
        try repo.write(
            "app/models.py", "class Record(models.Model):\n    new_field = models.CharField(max_length=50)\n")
        // An unstaged fix of the frontend does not count: the index still has the leftover.
        try repo.git("add", "-A")
        try repo.write("web/record.js", "export const label = (record) => record.newField;\n")
        let staged = try diagnosticPaths(repo.belay("check", "--no-checks", "--format", "json").out)
        XCTAssertTrue(staged.contains("web/record.js"), "\(staged)")
        try repo.git("commit", "-q", "--no-verify", "-m", "rename the field")
        let range = repo.belay("check", "--no-checks", "--range", "HEAD~1..HEAD", "--format", "json")
        XCTAssertEqual(range.code, 1, range.all)
        let paths = try diagnosticPaths(range.out)
        XCTAssertTrue(paths.contains("web/record.js") && paths.contains("app/settings.py"), "\(paths)")
    }

    func testRenameAuditTextJSONAndExitCodes() throws {
        let repo = try makeRepository()
        let text = repo.belay("rename-audit", "old_field", "new_field")
        XCTAssertEqual(text.code, 1, text.all)
        XCTAssertTrue(text.out.contains("web/record.js:1:41: camel 'oldField' in code → 'newField'\n"), text.out)
        XCTAssertTrue(text.out.contains("    export const label = (record) => record.oldField;\n"), text.out)
        XCTAssertFalse(text.out.contains("migrations"), "migrations are never audited")
        XCTAssertFalse(text.out.contains("CHANGELOG"), "changelogs are never audited")
        let json = repo.belay("rename-audit", "old_field", "new_field", "--format", "json", "--include", "web/**")
        XCTAssertEqual(json.code, 1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        XCTAssertEqual(object["renames"] as? [[String: String]], [["old": "old_field", "new": "new_field"]])
        let hits = try XCTUnwrap(object["hits"] as? [[String: Any]])
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual(hits[0]["path"] as? String, "web/record.js")
        XCTAssertEqual(hits[0]["line"] as? Int, 1)
        XCTAssertEqual(hits[0]["column"] as? Int, 41)
        XCTAssertEqual(hits[0]["text"] as? String, "oldField")
        XCTAssertEqual(hits[0]["variant"] as? String, "camel")
        XCTAssertEqual(hits[0]["context"] as? String, "code")
        XCTAssertEqual(repo.belay("rename-audit", "old_field", "new_field", "--exclude", "*").code, 0)
        XCTAssertEqual(repo.belay("rename-audit", "old_field", "old_field").code, 2)
        XCTAssertEqual(repo.belay("rename-audit", "old_field", "OldField").code, 2)
        XCTAssertEqual(repo.belay("rename-audit", "old_field").code, 2)
        XCTAssertEqual(repo.belay("rename-audit", "--", "-").code, 2)
        let github = repo.belay("rename-audit", "old_field", "new_field", "--format", "github")
        XCTAssertTrue(github.out.contains("::error file=web/record.js,line=1"), github.out)
        let sarif = repo.belay("rename-audit", "old_field", "new_field", "--format", "sarif")
        XCTAssertTrue(
            sarif.out.contains("\"ruleId\" : \"rename-leftover\"")
                || sarif.out.contains("\"ruleId\":\"rename-leftover\""), sarif.out)
    }

    func testContextsComeFromTheRealScanner() throws {
        let repo = try TestRepository()
        try repo.write(
            "a.py", "x = f\"{old_field}\"\ny = 'old_field'\n# old_field\ndef g():\n    \"\"\"old_field\"\"\"\n")
        try repo.write("README.md", "old_field\n")
        try repo.commitAll()
        let json = repo.belay("rename-audit", "old_field", "new_field", "--format", "json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let contexts = (object["hits"] as? [[String: Any]] ?? []).map {
            "\($0["path"]!):\($0["line"]!):\($0["context"]!)"
        }
        XCTAssertEqual(contexts, ["README.md:1:doc", "a.py:1:code", "a.py:2:string", "a.py:3:comment", "a.py:5:doc"])
    }

    func testInferPrintsRenamesWithEvidence() throws {
        let repo = try makeRepository()
        try repo.write("app/services.py", Self.services.replacingOccurrences(of: "old_text = ", with: "new_text = "))
        try repo.git("add", "-A")
        let text = repo.belay("rename-audit", "--infer")
        XCTAssertEqual(text.code, 0, text.all)
        XCTAssertEqual(
            text.out,
            "old_text → new_text  (searched in its function)\n    app/services.py:2 → 2: the variable definition was renamed, and 'old_text' is defined nowhere else\n"
        )
        try repo.git("commit", "-q", "--no-verify", "-m", "rename")
        let json = try repo.binary("rename-audit", "--infer", "--range", "HEAD~1..HEAD", "--format", "json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let renames = try XCTUnwrap(object["renames"] as? [[String: Any]])
        XCTAssertEqual(renames.first?["old"] as? String, "old_text")
        let evidence = try XCTUnwrap(renames.first?["evidence"] as? [[String: Any]])
        XCTAssertEqual(evidence.first?["path"] as? String, "app/services.py")
        XCTAssertEqual(evidence.first?["oldLine"] as? Int, 2)
        XCTAssertEqual(evidence.first?["kind"] as? String, "variable")
        XCTAssertEqual(repo.belay("rename-audit", "--infer", "old", "new").code, 2)
    }

    private func parse(_ json: String) throws -> [[String: Any]] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], json)
        return (object["diagnostics"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "rename-leftover" }
    }

    private func diagnosticPaths(_ json: String) throws -> [String] {
        Array(Set(try parse(json).compactMap { $0["path"] as? String })).sorted()
    }
}
