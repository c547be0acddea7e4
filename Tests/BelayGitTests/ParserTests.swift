import BelayCore
import XCTest

@testable import BelayGit

final class ParserTests: XCTestCase {
    private let a = String(repeating: "a", count: 40)
    private let b = String(repeating: "b", count: 40)
    private let zero = String(repeating: "0", count: 40)

    private func raw(_ records: [String]) -> [UInt8] {
        records.flatMap { Array($0.utf8) + [0] }
    }

    func testRawDiffKindsPathsAndModes() throws {
        let bytes = raw([
            ":000000 100644 \(zero) \(a) A", "new file.txt",
            ":100644 100755 \(a) \(a) M", "tool.sh",
            ":100644 000000 \(b) \(zero) D", "gone\nwith newline",
            ":100644 100644 \(a) \(b) R086", "old \"quoted\".py", "néw/ünïcode.py",
            ":100644 100644 \(a) \(a) C100", "src.c", "copy.c",
            ":100644 120000 \(a) \(b) T", "link",
            ":000000 160000 \(zero) \(b) A", "vendor/sub",
        ])
        let changes = try parseRawDiff(bytes)
        XCTAssertEqual(changes.count, 7)
        XCTAssertEqual(
            changes[0],
            FileChange(
                kind: .added, oldPath: nil, newPath: "new file.txt", oldMode: "000000", newMode: "100644",
                oldBlob: nil, newBlob: a))
        XCTAssertEqual(changes[1].kind, .modified)
        XCTAssertEqual([changes[1].oldMode, changes[1].newMode], ["100644", "100755"])
        XCTAssertEqual(changes[2].kind, .deleted)
        XCTAssertEqual(changes[2].oldPath, "gone\nwith newline")
        XCTAssertNil(changes[2].newPath)
        XCTAssertNil(changes[2].newBlob)
        XCTAssertEqual(changes[3].kind, .renamed)
        XCTAssertEqual(changes[3].similarity, 86)
        XCTAssertEqual(changes[3].oldPath, "old \"quoted\".py")
        XCTAssertEqual(changes[3].newPath, "néw/ünïcode.py")
        XCTAssertEqual(changes[4].kind, .copied)
        XCTAssertEqual([changes[4].oldPath, changes[4].newPath], ["src.c", "copy.c"])
        XCTAssertEqual(changes[4].similarity, 100)
        XCTAssertEqual(changes[5].kind, .typeChanged)
        XCTAssertTrue(changes[5].isSymlink)
        XCTAssertFalse(changes[5].isSubmodule)
        XCTAssertTrue(changes[6].isSubmodule)
        XCTAssertEqual(changes[6].path, "vendor/sub")
    }

    func testRawDiffEmptyAndMalformed() throws {
        XCTAssertEqual(try parseRawDiff([]), [])
        XCTAssertThrowsError(try parseRawDiff(raw(["garbage", "x"])))
        XCTAssertThrowsError(try parseRawDiff(raw([":100644 100644 \(a) \(b) R090", "only-old"])))
        XCTAssertThrowsError(try parseRawDiff(raw([":100644 100644 \(a) \(b) Z", "x"])))
    }

    func testLsFilesWithAndWithoutStage() throws {
        let staged = raw(["100644 \(a) 0\tspaced name.txt", "120000 \(b) 0\tlink\twith tab", "100644 \(a) 2\tconflict"])
        XCTAssertEqual(
            try parseLsFiles(staged, stage: true),
            [
                IndexEntry(path: "spaced name.txt", mode: "100644", blob: a, stage: 0),
                IndexEntry(path: "link\twith tab", mode: "120000", blob: b, stage: 0),
                IndexEntry(path: "conflict", mode: "100644", blob: a, stage: 2),
            ])
        XCTAssertEqual(try parseLsFiles(raw(["a b", "c\nd"]), stage: false).map(\.path), ["a b", "c\nd"])
        XCTAssertThrowsError(try parseLsFiles(raw(["no tab here"]), stage: true))
    }

    func testPrePushInput() {
        let input = """
            refs/heads/main \(a) refs/heads/main \(b)
            refs/heads/new \(a) refs/heads/new \(zero)
            (delete) \(zero) refs/heads/old \(b)
            not a valid line

            """
        let updates = parsePrePushInput(Array(input.utf8))
        XCTAssertEqual(updates.count, 3)
        XCTAssertEqual(
            updates[0], PushUpdate(localRef: "refs/heads/main", localSHA: a, remoteRef: "refs/heads/main", remoteSHA: b)
        )
        XCTAssertFalse(updates[0].isNewBranch || updates[0].isDeletion)
        XCTAssertTrue(updates[1].isNewBranch)
        XCTAssertTrue(updates[2].isDeletion)
        XCTAssertEqual(parsePrePushInput([]), [])
    }

    func testBinaryDetectionLooksAtTheFirst8000Bytes() {
        XCTAssertFalse(isBinary(Array("plain\r\ntext\n".utf8)))
        XCTAssertFalse(isBinary([]))
        XCTAssertTrue(isBinary([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]))
        XCTAssertTrue(isBinary([UInt8](repeating: 0x41, count: 7999) + [0]))
        XCTAssertFalse(isBinary([UInt8](repeating: 0x41, count: 8000) + [0]))
    }

    func testCatFileBatchOutput() throws {
        let output = Array("\(a) blob 3\nx\0y\n\(b) missing\n".utf8)
        let blobs = try parseCatFileBatch(output, requested: [a, b])
        XCTAssertEqual(blobs, [a: [0x78, 0, 0x79]])
        XCTAssertThrowsError(try parseCatFileBatch(Array("\(a) blob 10\nshort\n".utf8), requested: [a]))
    }
}
