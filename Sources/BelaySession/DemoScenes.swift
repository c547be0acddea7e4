/// One attempt of the demo's agent: what it does to the files, and what belay should say.
struct DemoScene: Sendable {
    var title: String
    /// What the agent did, in one or two sentences.
    var story: String
    /// Files written (path → content) before staging.
    var writes: [(String, String)]
    /// Paths staged with `git add`; the rest of `writes` stays unstaged.
    var stage: [String]
    /// Whether the gate should let the commit through.
    var expectPass: Bool
    /// Commit when the gate passes, so the next scene starts from there.
    var commitOnPass: Bool = true
    /// Extra environment for the checks (the demo's simulated outage).
    var outage: Bool = false
    /// The scene shows a failing test, so it needs python3.
    var needsPython: Bool = false
}

/// The demo repository: a small Django-style app about to have `old_field` renamed to `new_field`.
enum DemoFiles {
    static let models = """
        class Record:
            def __init__(self, old_field):
                self.old_field = old_field

        """

    static let servicesBefore = """
        def process_data(old_field):
            old_text = old_field.label
            return old_text.upper()

        """

    static let servicesRenamed = """
        def process_data(new_field):
            new_text = new_field.label
            return new_text.upper()

        """

    /// The seed's first failure: the old parameter renamed, and the new one added beside it.
    static let servicesTwoParameters = """
        def process_data(new_field, new_field):
            new_text = new_field.label
            return new_text.upper()

        """

    /// The seed's third failure: the new assignment added above the old one instead of replacing it.
    static let servicesDeadStore = """
        def process_data(new_field):
            new_text = new_field.label
            new_text = old_field.label
            return new_text.upper()

        """

    static let servicesConflict = """
        def process_data(new_field):
        <<<<<<< HEAD
            new_text = new_field.label
        =======
            old_text = old_field.label
        >>>>>>> agent/rename
            return new_text.upper()

        """

    static let servicesWhitespace =
        "def process_data(new_field):\n    new_text = new_field.label\n    \n    return new_text.upper()\n"

    static let servicesGhost = """
        def process_data(new_field):
            new_text = new_field.label
            return old_text.upper()

        """

    static let tests = """
        import sys
        import unittest

        sys.path.insert(0, ".")
        from app.services import process_data


        class Field:
            label = "ready"


        class ProcessDataTests(unittest.TestCase):
            def test_upper_cases_the_label(self):
                self.assertEqual(process_data(Field()), "READY")


        if __name__ == "__main__":
            unittest.main()

        """

    /// A caller in a file the rename never opens: it passes the parameter by name.
    static let apiCaller = """
        from app.services import process_data


        def example_call(field):
            return process_data(old_field=field)

        """

    static let apiCallerRenamed = apiCaller.replacingOccurrences(of: "old_field=", with: "new_field=")

    /// The model with the new attribute added next to the old one.
    static let modelsDuplicated = """
        class Record:
            def __init__(self, old_field):
                self.old_field = old_field
                self.new_field = new_field

        """

    static let modelsRenamed = """
        class Record:
            def __init__(self, new_field):
                self.new_field = new_field

        """

    /// The frontend, which spells the field in camelCase.
    static let frontend = """
        export const recordLabel = (record) => record.oldField.label;

        """

    static let readme = """
        # demo app

        `process_data(old_field)` returns the field's label in upper case.

        """

    static let readmeRenamed = """
        # demo app

        `process_data(new_field)` returns the field's label in upper case.

        """

    /// An untracked, failing test the agent left lying around: a check that saw the working tree would fail.
    static let scratchTest = """
        import unittest


        class ScratchTests(unittest.TestCase):
            def test_not_finished(self):
                self.fail("work in progress")

        """

    /// The configuration: a real test check when python3 exists, and a dependency check whose network
    /// is down in one scene.
    static func config(python: Bool) -> String {
        var checks: [String] = []
        if python {
            checks.append(
                "    { name: \"tests\", run: \"python3 -m unittest discover -s tests -t . -q\", files: [\"*.py\"] },")
        }
        checks.append(
            "    { name: \"deps\", run: \"if [ -e .demo-outage ] || [ -n \\\"$DEMO_OUTAGE\\\" ]; then echo 'pip: Could not resolve host: pypi.org' >&2; exit 1; fi\" },"
        )
        return """
            // belay.json5 for the demo
            {
              checks: [
            \(checks.joined(separator: "\n"))
              ],
              transient: { retries: 1, backoffSeconds: 0.05 },
            }

            """
    }

    static let scenes: [DemoScene] = [
        DemoScene(
            title: "A parameter declared twice",
            story: "The agent renames old_field to new_field in the signature, and keeps both.",
            writes: [("app/services.py", servicesTwoParameters)], stage: ["app/services.py"], expectPass: false),
        DemoScene(
            title: "A dead store",
            story: """
                It fixes the signature, then adds the new assignment above the old one instead of replacing it: \
                the first value is dead, the old one wins.
                """,
            writes: [("app/services.py", servicesDeadStore)], stage: ["app/services.py"], expectPass: false),
        DemoScene(
            title: "A merge conflict resolved halfway",
            story: "The agent renames old_field to new_field in services.py and commits a half-resolved conflict.",
            writes: [("app/services.py", servicesConflict)], stage: ["app/services.py"], expectPass: false),
        DemoScene(
            title: "Whitespace on a blank line",
            story: "It resolves the conflict, but leaves spaces on the blank line it added.",
            writes: [("app/services.py", servicesWhitespace)], stage: ["app/services.py"], expectPass: false),
        DemoScene(
            title: "A ghost variable",
            story: "It trims the whitespace, but the body still returns old_text, which no longer exists.",
            writes: [("app/services.py", servicesGhost)], stage: ["app/services.py"], expectPass: false),
        DemoScene(
            title: "An untouched caller",
            story: """
                It fixes the body, but tests/test_api.py, a file the change never opened, still passes \
                process_data(old_field="value").
                """,
            writes: [("app/services.py", servicesRenamed)], stage: ["app/services.py"], expectPass: false),
        DemoScene(
            title: "Added, not replaced",
            story: "It fixes the caller, then gives the model a new_field next to old_field instead of renaming it.",
            writes: [("tests/test_api.py", apiCallerRenamed), ("app/models.py", modelsDuplicated)],
            stage: ["app/services.py", "tests/test_api.py", "app/models.py"], expectPass: false),
        DemoScene(
            title: "The frontend spelling",
            story: "It renames the model's field properly; web/record.js still reads record.oldField.",
            writes: [("app/models.py", modelsRenamed)], stage: ["app/models.py"], expectPass: false),
        DemoScene(
            title: "A runner with no DNS",
            story: """
                It leaves the model for a later change and keeps the rename of process_data. This time the \
                dependency check cannot reach the package index.
                """,
            writes: [("app/models.py", models)], stage: ["app/services.py", "app/models.py"], expectPass: false,
            outage: true),
        DemoScene(
            title: "Only what is staged is judged",
            story: """
                The network is back. The fix is staged; an untracked failing test and an unstaged edit sit in \
                the working tree, untouched and unseen by the checks.
                """,
            writes: [
                ("app/services.py", servicesRenamed), ("tests/test_scratch.py", scratchTest),
                ("README.md", readmeRenamed + "unstaged note\n"),
            ],
            stage: ["app/services.py", "tests/test_api.py", "app/models.py"], expectPass: true),
    ]
}
