import Foundation
import XCTest

/// `destructive-migration` through the built binary in real repositories: a staged migration that drops
/// a column nothing reads is a warning (exit 0); one a model still reads is an error naming the use
/// (exit 1); `migrations.allow` at HEAD lets it through, and one the change itself adds does not.
final class MigrationsEndToEndTests: XCTestCase {
    private let migration = "db/migrate/20240101000000_remove_legacy_email_from_users.rb"
    private let dropping = """
        class RemoveLegacyEmailFromUsers < ActiveRecord::Migration[7.1]
          def change
            remove_column :users, :legacy_email, :string
          end
        end

        """

    private func repository(model: String) throws -> TestRepository {
        let repo = try TestRepository()
        try repo.config("{}\n")
        try repo.write("app/models/user.rb", model)
        try repo.write("README.md", "The users table once had a legacy_email column.\n")
        try repo.commitAll()
        return repo
    }

    private func diagnostics(_ result: BelayResult) throws -> [[String: Any]] {
        try XCTUnwrap(try parseJSONObject(result.out)["diagnostics"] as? [[String: Any]], result.all)
    }

    func testADropNoCodeReadsIsAWarning() throws {
        let repo = try repository(
            model: "class User < ApplicationRecord\n  self.ignored_columns += [\"legacy_email\"]\nend\n")
        // The same name elsewhere is no use of users.legacy_email: a parameter, another object's member, a
        // key of an API payload, prose.
        try repo.write(
            "app/mailers/digest.rb", "def deliver(legacy_email)\n  message.legacy_email = legacy_email\nend\n")
        try repo.write(
            "app/api.py",
            "def parse(payload):\n    return payload.get(\"legacy_email\")\n\n\ndef count():\n    return User.objects.filter(kind=\"legacy_email\").count()\n"
        )
        // A TypeScript schema keeps the name for API clients: a wire name, not a read of the column.
        try repo.write(
            "web/types/user.ts", "export const ZUser = z.object({\n  legacy_email: z.string().nullish(),\n});\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "other code")
        try repo.write(migration, dropping)
        try repo.git("add", "-A")
        let text = try repo.binary("check", "--staged", "--no-checks")
        XCTAssertEqual(text.code, 0, text.all)
        XCTAssertTrue(
            text.out.contains(
                "\(migration):3:5: warning[destructive-migration]: drop-column: drops column users.legacy_email"),
            text.out)
        XCTAssertTrue(text.out.contains("expand/contract"), text.out)
        let json = try diagnostics(try repo.binary("check", "--staged", "--no-checks", "--format", "json"))
        XCTAssertEqual(json.map { $0["severity"] as? String }, ["warning"])
    }

    func testADropAModelStillReadsIsAnErrorThatNamesTheUse() throws {
        let repo = try repository(
            model:
                "class User < ApplicationRecord\n  def contact\n    self.legacy_email || user.legacy_email\n  end\nend\n"
        )
        try repo.write("app/views/users/show.html.erb", "<%= @user.legacy_email %>\n")
        try repo.write(migration, dropping)
        try repo.git("add", "-A")
        let result = try repo.binary("check", "--staged", "--no-checks", "--format", "json")
        XCTAssertEqual(result.code, 1, result.all)
        let found = try diagnostics(result)
        XCTAssertEqual(found.count, 1, result.out)
        XCTAssertEqual(found.first?["severity"] as? String, "error")
        let message = try XCTUnwrap(found.first?["message"] as? String)
        XCTAssertTrue(
            message.hasPrefix(
                "drop-column: drops column users.legacy_email; code still uses 'legacy_email' at app/models/user.rb:3"),
            message)
        XCTAssertTrue(message.hasSuffix("(3 uses in 2 files)"), message)
        // The hook refuses the commit.
        XCTAssertEqual(try repo.binary("install").code, 0)
        XCTAssertNotEqual(try repo.commit("-m", "drop legacy_email").code, 0)
    }

    func testAMethodThatReplacesTheColumnAndAClassThatIsNoModelDoNotEscalate() throws {
        // The model now computes the value (downloads moved elsewhere): `rubygem.downloads` calls the method.
        let repo = try TestRepository()
        try repo.config("{}\n")
        try repo.write(
            "app/models/rubygem.rb",
            "class Rubygem < ApplicationRecord\n  def downloads\n    GemDownload.count_for(id)\n  end\nend\n")
        try repo.write("app/helpers/gems_helper.rb", "def shown(rubygem) = rubygem.downloads\n")
        try repo.write("app/models/download.rb", "module Download\n  def self.count = 0\nend\n")
        try repo.write("app/controllers/stats_controller.rb", "def index = render(json: Download.count)\n")
        try repo.commitAll()
        try repo.write(
            "db/migrate/20240101000000_drop_downloads.rb",
            "class DropDownloads < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :rubygems, :downloads\n    drop_table :downloads\n  end\nend\n"
        )
        try repo.git("add", "-A")
        let result = try repo.binary("check", "--staged", "--no-checks", "--format", "json")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertEqual(try diagnostics(result).map { $0["severity"] as? String }, ["warning", "warning"], result.out)
        // Once the class is a model, the table's drop is an error.
        try repo.write("app/models/download.rb", "class Download < ApplicationRecord\nend\n")
        try repo.git("add", "-A")
        let blocked = try repo.binary("check", "--staged", "--no-checks", "--format", "json")
        XCTAssertEqual(blocked.code, 1, blocked.all)
        let messages = try diagnostics(blocked).compactMap { $0["message"] as? String }
        XCTAssertTrue(
            messages.contains { $0.hasPrefix("drop-table: drops table downloads; code still uses 'Download' at ") },
            "\(messages)")
    }

    func testAnAllowanceAtHeadPassesAndOneTheChangeAddsDoesNot() throws {
        let repo = try repository(model: "class User < ApplicationRecord\n  def contact = user.legacy_email\nend\n")
        let allowance =
            "{ migrations: { allow: [{ path: \"db/migrate/*_remove_legacy_email_from_users.rb\", kind: \"drop-column\", reason: \"read only by the v1 API, gone\" }] } }\n"
        // Added in the same change: the configuration at HEAD judges, so it allows nothing.
        try repo.config(allowance)
        try repo.write(migration, dropping)
        try repo.git("add", "-A")
        XCTAssertEqual(try repo.binary("check", "--staged", "--no-checks").code, 1)
        // Committed first, it does.
        try repo.git("reset", "-q")
        try repo.git("add", "belay.json5")
        try repo.git("commit", "-q", "-m", "allow")
        try repo.git("add", "-A")
        let passed = try repo.binary("check", "--staged", "--no-checks", "--format", "json")
        XCTAssertEqual(passed.code, 0, passed.all)
        XCTAssertEqual(try diagnostics(passed).count, 0, passed.out)
    }

    func testAMalformedAllowanceIsAConfigurationError() throws {
        let repo = try TestRepository()
        try repo.config(
            "{ migrations: { allow: [{ path: \"db/migrate/*.rb\", kind: \"drop-colum\", reason: \"x\" }] } }\n")
        try repo.commitAll()
        let result = try repo.binary("check", "--staged", "--no-checks")
        XCTAssertEqual(result.code, 2, result.all)
        XCTAssertTrue(result.all.contains("drop-colum"), result.all)
        XCTAssertTrue(result.all.contains("did you mean 'drop-column'"), result.all)
    }
}
