import BelayCore
import XCTest

/// `secrets: { exclude, ignore }` in `belay.json5`.
final class ConfigSecretsTests: XCTestCase {
    private func parse(_ text: String) throws -> Config { try Config.parse(Array(text.utf8), file: "belay.json5") }

    func testSecretsParse() throws {
        let hash = String(repeating: "0f", count: 32)
        let config = try parse("{\n  secrets: { exclude: [\"testdata/**\"], ignore: [\"sha256:\(hash)\"] },\n}\n")
        XCTAssertEqual(config.secrets, SecretSettings(exclude: ["testdata/**"], ignore: ["sha256:\(hash)"]))
        XCTAssertEqual(try parse("{}").secrets, SecretSettings())
    }

    func testBadEntriesNameTheirLineAndKey() {
        assertConfigErrorsOnLine3([
            ("{\n  secrets: {\n    ignore: [\"line 12\"],\n  },\n}\n", "secrets.ignore[0]", "64 lower-case hex"),
            ("{\n  secrets: {\n    ignore: [\"sha256:ABC\"],\n  },\n}\n", "secrets.ignore[0]", "sha256:"),
            ("{\n  secrets: {\n    exclud: [],\n  },\n}\n", "secrets.exclud", "did you mean 'exclude'"),
        ])
    }
}
