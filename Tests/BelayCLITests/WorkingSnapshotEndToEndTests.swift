import Foundation
import XCTest

/// `check --working` judges a snapshot of the working tree, the way `--staged` judges a snapshot of the
/// index: checks never run in the user's files.
final class WorkingSnapshotEndToEndTests: XCTestCase {
    /// Every file under the working tree (`.git` aside) with its bytes and mtime, and symlinks' targets.
    static func workingTreeFingerprint(_ root: String) -> [String: String] {
        var result: [String: String] = [:]
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: root) else { return result }
        while let relative = walker.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") {
                walker.skipDescendants()
                continue
            }
            let full = root + "/" + relative
            if let target = try? manager.destinationOfSymbolicLink(atPath: full) {
                result[relative] = "link:" + target
                walker.skipDescendants()
            } else if let fingerprint = Fingerprint(full), !isDirectory(full) {
                let executable = manager.isExecutableFile(atPath: full) ? "x" : "-"
                result[relative] =
                    "\(executable) \(fingerprint.seconds).\(fingerprint.nanoseconds) \(fingerprint.bytes.hashValue) \(fingerprint.bytes.count)"
            } else {
                result[relative] = "dir"
            }
        }
        return result
    }

    private static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    /// Regression (issue 8): `--working` ran the checks in the user's tree, so a check that writes or
    /// deletes files did so to the user's files.
    func testChecksThatWriteOrDeleteFilesLeaveTheWorkingTreeUnchanged() throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [
              { name: "writes", run: "echo made > made-by-check.txt && echo more >> tracked.txt", cache: false },
              { name: "deletes", run: "rm tracked.txt other.txt", cache: false },
            ] }

            """)
        try repo.write("tracked.txt", "tracked\n")
        try repo.write("other.txt", "other\n")
        try repo.write(".gitignore", "*.log\n")
        try repo.commitAll("base")
        try repo.write("tracked.txt", "tracked, edited\n")
        try repo.write("untracked.txt", "new\n")
        try repo.write("ignored.log", "ignored\n")
        let status = try repo.git("status", "--porcelain", "--ignored")
        let index = try repo.git("ls-files", "-s")
        let before = Self.workingTreeFingerprint(repo.path)
        let result = repo.belay("check", "--working", "--no-cache")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertEqual(Self.workingTreeFingerprint(repo.path), before, "the working tree is byte-for-byte unchanged")
        XCTAssertNil(repo.read("made-by-check.txt"))
        XCTAssertEqual(repo.read("tracked.txt"), "tracked, edited\n")
        XCTAssertEqual(try repo.git("status", "--porcelain", "--ignored"), status)
        XCTAssertEqual(try repo.git("ls-files", "-s"), index, "and so is the index")
    }

    /// What a `--working` check sees: tracked files as edited, untracked ones, not deleted or ignored
    /// ones; installed dependency folders are linked in.
    func testWorkingChecksSeeTheWorkingTreeWithoutIgnoredOrDeletedFiles() throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [ { name: "sees", cache: false, run: "grep -q edited tracked.txt && test -e untracked.txt && test ! -e deleted.txt && test ! -e ignored.log && test -e node_modules/dep/index.js && test \\"$(pwd)\\" != '\(repo.path)'" } ] }

            """)
        try repo.write("tracked.txt", "tracked\n")
        try repo.write("deleted.txt", "soon gone\n")
        try repo.write(".gitignore", "*.log\nnode_modules/\n")
        try repo.commitAll("base")
        try repo.write("tracked.txt", "edited\n")
        try repo.write("untracked.txt", "new\n")
        try repo.write("ignored.log", "ignored\n")
        try repo.write("node_modules/dep/index.js", "module.exports = 1\n")
        try FileManager.default.removeItem(atPath: repo.path + "/deleted.txt")
        let result = repo.belay("check", "--working", "--no-cache")
        XCTAssertEqual(result.code, 0, result.all)
        // The staged scope still sees the index, not the edits.
        XCTAssertEqual(repo.belay("check", "--no-cache").code, 1)
    }

    /// Regression (issue 8): `python3 -m py_compile {files}` under `--working` left `__pycache__/` behind.
    func testPythonChecksLeaveNoBytecodeInTheWorkingTree() throws {
        try requireTool("python3")
        let repo = try TestRepository()
        try repo.config(
            "{ checks: [ { name: \"compile\", run: \"python3 -m py_compile {files}\", files: [\"*.py\"], cache: false } ] }\n"
        )
        try repo.write("README", "x\n")
        try repo.commitAll("base")
        try repo.write("pkg/mod.py", "X = 1\n")
        let result = repo.belay("check", "--working")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: repo.path + "/pkg/__pycache__"), "no bytecode left behind")
    }

    /// Regression: in a sparse checkout, `git add -A` refused an untracked file outside the sparse
    /// patterns, and `--working` failed as an internal error.
    func testWorkingInASparseCheckout() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.write("b.txt", "b\n")
        try repo.commitAll("base")
        try repo.git("sparse-checkout", "set", "--no-cone", "/a.txt")
        XCTAssertNil(repo.read("b.txt"), "b.txt is outside the sparse checkout")
        try repo.write("c.txt", "trailing   \n")
        let result = repo.belay("check", "--working")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("c.txt:1:"), result.out)
        XCTAssertFalse(result.out.contains("b.txt"), "a file outside the cone is not deleted: \(result.out)")
    }
}
