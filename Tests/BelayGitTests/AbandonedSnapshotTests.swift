import BelayCore
import Foundation
import XCTest

@testable import BelayGit

/// A belay killed while holding a temporary snapshot leaves it behind; the next run cleans it up,
/// but never one whose process is still alive.
final class AbandonedSnapshotTests: XCTestCase {
    func testTemporarySnapshotsOfDeadProcessesAreRemoved() throws {
        let repo = try TestRepository()
        try repo.write("a.py", "a = 1\n")
        try repo.commitAll()
        let git = repo.handle()
        let repository = try Repository.discover(git: git)
        // A process that has certainly exited: a child we started and waited for.
        let child = try ProcessRunner().run(
            ProcessRequest(executable: "/bin/sh", arguments: ["-c", "echo $$"], environment: [:]))
        let deadPid = String(decoding: child.standardOutput, as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let abandoned = repository.belayDirectory + "/snapshot-\(deadPid)-7/tree"
        let inUse = repository.belayDirectory + "/snapshot-\(getpid())-8/tree"
        for path in [abandoned, inUse] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: path + "/leftover.py"))
        }

        let snapshot = try StagedSnapshot.prepare(git: git, repository: repository, tree: git.writeTree(of: repository))
        snapshot.release()

        XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned), "a dead run's snapshot is removed")
        XCTAssertTrue(FileManager.default.fileExists(atPath: inUse), "a live process's snapshot stays")
    }
}
