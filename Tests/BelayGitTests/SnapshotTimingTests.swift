import BelayCore
import Foundation
import XCTest

@testable import BelayGit

/// Measures the gate's git overhead on a ~50-file repository. The bound is generous (shared CI cores);
/// the printed numbers are what matters when tuning.
final class SnapshotTimingTests: XCTestCase {
    func testPrepareFirstAndIncrementalOnFiftyFiles() throws {
        let repo = try TestRepository()
        for number in 0..<50 {
            try repo.write(
                "pkg\(number % 5)/module\(number).py",
                "value_\(number) = \(number)\n" + String(repeating: "# x\n", count: 40))
        }
        try repo.commitAll()
        let git = repo.handle()

        func timed(_ body: () throws -> StagedSnapshot) rethrows -> (StagedSnapshot, Double) {
            let start = monotonicSeconds()
            let snapshot = try body()
            return (snapshot, (monotonicSeconds() - start) * 1000)
        }
        func gate() throws -> StagedSnapshot {
            let repository = try Repository.discover(git: git)
            return try StagedSnapshot.prepare(git: git, repository: repository, tree: git.writeTree(of: repository))
        }

        let (first, firstMs) = try timed(gate)
        first.release()
        try repo.write("pkg1/module1.py", "value_1 = 'changed'\n")
        try repo.git("add", "pkg1/module1.py")
        let (second, incrementalMs) = try timed(gate)
        XCTAssertEqual(repo.read("pkg1/module1.py", in: second.directory), Array("value_1 = 'changed'\n".utf8))
        second.release()
        let (third, unchangedMs) = try timed(gate)
        third.release()
        print(
            String(
                format:
                    "snapshot timing (discover + write-tree + prepare): first %.1f ms, incremental %.1f ms, unchanged %.1f ms",
                firstMs, incrementalMs, unchangedMs))
        XCTAssertLessThan(incrementalMs, 2000)
    }
}
