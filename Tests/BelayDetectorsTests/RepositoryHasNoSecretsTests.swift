import BelayCore
import BelayDetectors
import Foundation
import XCTest

/// No complete token-shaped literal is committed anywhere in belay's own repository (GitHub push
/// protection would block it, and other scanners would trip on it): fixtures and tests generate theirs.
final class RepositoryHasNoSecretsTests: XCTestCase {
    func testNoTrackedFileHoldsACredential() throws {
        let folders = ["Sources", "Tests", "fixtures", "rules", "bench", "Plugins", "docs"]
        var found: [String] = []
        var scanned = 0
        for folder in folders {
            let base = repositoryRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let relative as String in walker where !relative.hasPrefix("work/") {
                let url = base.appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: url.path), !data.isEmpty else { continue }
                let file = SourceFile(path: folder + "/" + relative, bytes: [UInt8](data))
                if file.isBinary { continue }
                scanned += 1
                found += SecretTokenDetector().findings(in: file).map { "\(file.path): \($0.message)" }
            }
        }
        for name in ["README.md", "Package.swift"] {
            let url = repositoryRoot.appendingPathComponent(name)
            let file = SourceFile(path: name, bytes: [UInt8](FileManager.default.contents(atPath: url.path) ?? Data()))
            found += SecretTokenDetector().findings(in: file).map { "\(name): \($0.message)" }
        }
        XCTAssertGreaterThan(scanned, 100)
        XCTAssertEqual(found, [])
    }
}
