import BelayChecks
import BelayCore
import Foundation
import XCTest

final class VerifiedTreeCacheTests: XCTestCase {
    /// A check that appends to `runs` in the work folder each time it really runs.
    let counting = CheckDefinition(name: "count", run: "echo x >> runs; echo done")

    func runs(in directory: String) -> Int {
        let text = (try? String(contentsOfFile: directory + "/runs", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    func testPassIsRecordedAndReusedForTheSameTreeOnly() throws {
        let work = try makeTemporaryDirectory(self)
        let cache = VerifiedTreeCache(directory: try makeTemporaryDirectory(self) + "/belay/cache", version: "1.0")
        let first = try makeRunner(cache: cache, treeID: "tree-a").run([counting], in: work, stagedPaths: [])[0]
        XCTAssertEqual(first.status, .passed)
        XCTAssertFalse(first.cached)
        XCTAssertEqual(first.attempts, 1)

        let second = try makeRunner(cache: cache, treeID: "tree-a").run([counting], in: work, stagedPaths: [])[0]
        XCTAssertEqual(second.status, .passed)
        XCTAssertTrue(second.cached)
        XCTAssertEqual(second.attempts, 0)
        XCTAssertEqual(runs(in: work), 1)

        let otherTree = try makeRunner(cache: cache, treeID: "tree-b").run([counting], in: work, stagedPaths: [])[0]
        XCTAssertFalse(otherTree.cached)
        XCTAssertEqual(runs(in: work), 2)

        var edited = counting
        edited.run += " # edited"
        let changedCheck = try makeRunner(cache: cache, treeID: "tree-a").run([edited], in: work, stagedPaths: [])[0]
        XCTAssertFalse(changedCheck.cached)
        XCTAssertEqual(runs(in: work), 3)
    }

    func testOptOutFailuresAndNewVersionsAreNeverServedFromCache() throws {
        let work = try makeTemporaryDirectory(self)
        let folder = try makeTemporaryDirectory(self)
        let cache = VerifiedTreeCache(directory: folder, version: "1.0")
        var optOut = counting
        optOut.cache = false
        let failing = CheckDefinition(name: "fail", run: "exit 1")
        for _ in 0..<2 {
            let results = try makeRunner(cache: cache, treeID: "t").run([optOut, failing], in: work, stagedPaths: [])
            XCTAssertEqual(results.map(\.cached), [false, false])
            XCTAssertEqual(results.map(\.status), [.passed, .failed])
        }
        XCTAssertEqual(runs(in: work), 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), [])

        cache.recordPass(tree: "t", check: counting)
        XCTAssertTrue(cache.isVerified(tree: "t", check: counting))
        XCTAssertFalse(VerifiedTreeCache(directory: folder, version: "2.0").isVerified(tree: "t", check: counting))
    }

    func testMatchingFilesArePartOfTheKey() throws {
        let cache = VerifiedTreeCache(directory: try makeTemporaryDirectory(self), version: "1")
        let check = CheckDefinition(name: "lint", run: "lint {files}", files: ["*.py"])
        XCTAssertTrue(cache.recordPass(tree: "t", check: check, files: ["a.py"]))
        XCTAssertTrue(cache.isVerified(tree: "t", check: check, files: ["a.py"]))
        XCTAssertFalse(cache.isVerified(tree: "t", check: check, files: ["a.py", "b.py"]))
        XCTAssertFalse(cache.isVerified(tree: "t", check: check, files: []))
    }

    func testCorruptOrUnreadableCacheIsAMiss() throws {
        let folder = try makeTemporaryDirectory(self)
        let cache = VerifiedTreeCache(directory: folder, version: "1")
        XCTAssertTrue(cache.recordPass(tree: "t", check: counting))
        let entry = folder + "/" + cache.key(tree: "t", check: counting)
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: entry))
        XCTAssertFalse(cache.isVerified(tree: "t", check: counting))

        // A cache folder that is really a file: reads miss, writes fail quietly.
        let blocked = folder + "/blocked"
        XCTAssertTrue(FileManager.default.createFile(atPath: blocked, contents: Data()))
        let broken = VerifiedTreeCache(directory: blocked, version: "1")
        XCTAssertFalse(broken.recordPass(tree: "t", check: counting))
        XCTAssertFalse(broken.isVerified(tree: "t", check: counting))
        let work = try makeTemporaryDirectory(self)
        let result = try makeRunner(cache: broken, treeID: "t").run([counting], in: work, stagedPaths: [])[0]
        XCTAssertEqual(result.status, .passed)
    }

    func testWritesLeaveNoTemporaryFiles() throws {
        let folder = try makeTemporaryDirectory(self)
        let cache = VerifiedTreeCache(directory: folder, version: "1")
        cache.recordPass(tree: "t", check: counting)
        cache.recordPass(tree: "t", check: counting)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: folder), [cache.key(tree: "t", check: counting)])
    }
}
