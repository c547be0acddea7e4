import BelayCore

/// `rename-leftover`: a reference, in the renamed definition's scope, to a name the change renamed. The search
/// itself runs in the gate (it reads every tracked file, not just the change); this type documents the
/// rule for `belay rules`, `belay explain` and the configuration.
public struct RenameLeftoverRule: Rule {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "rename-leftover",
        summary:
            "a reference, in the renamed definition's scope, to a name the change renamed (prose, compounds and comments are warnings)",
        rationale: """
            An agent that renames a definition file by file misses the references it never opened: a derived \
            variable in the same function (`return old_text.upper()`, a NameError at run time), a test that \
            still passes `old_field=` to the renamed parameter, the frontend's `oldField`. belay infers each \
            rename from the change — a definition whose name changed between a removed line and its added \
            twin, while the old name is defined nowhere after the change (an import swap, a call-site keyword \
            or a rewritten line renames nothing) — and searches for the old name in the scope the definition \
            has: a local inside its function, a parameter inside its function and at its own call sites that \
            pass it by name, anything else in every tracked file except functions with a local of that name. \
            An exact reference in code, a whole string literal and a keyword argument are errors; another \
            spelling is an error in a file of another language (the same field across layers) and a warning \
            in the same one; the name inside a longer identifier or string, a comment or a document is a \
            warning. Migrations, changelogs, generated files and `rename.exclude` are skipped; a wire name \
            kept on purpose (`db_column="old_field"`) is a note. `belay rename-audit --infer --verbose` shows \
            what was inferred and what was not, and why.
            """,
        defaultSeverity: .error,
        hint: "rename it to the new name",
        triggering: [
            .init(
                """
                # The change renamed old_text to new_text on line 2 but not on line 3:
                def process_data(new_field):
                    new_text = new_field.label
                    return 1️⃣old_text.upper()

                """, fileName: "app/services.py"),
            .init(
                """
                # Never opened by the change that renamed process_data's parameter old_field to new_field:
                def test_process():
                    assert process_data(1️⃣old_field="value") == "VALUE"

                """, fileName: "tests/test_services.py"),
            .init(
                """
                // The frontend spelling of the renamed model field old_field:
                export const label = (record) => record.1️⃣oldField;

                """, fileName: "web/record.js"),
        ],
        nonTriggering: [
            .init(
                """
                # A wire name kept on purpose is a note, not an error:
                new_field = models.CharField(db_column="old_field")

                """, fileName: "app/models.py"),
            .init(
                """
                # Migrations and changelogs record history; a rename must not touch them.
                migrations.RenameField("record", "old_field", "new_field")

                """, fileName: "app/migrations/0002_rename.py"),
        ]
    )

    /// Creates the rule.
    public init() {}
}
