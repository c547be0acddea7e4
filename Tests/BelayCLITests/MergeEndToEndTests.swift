import XCTest

@testable import BelayCLI

/// A merge commit is judged against every parent: what the other branch brought is not new.
final class MergeEndToEndTests: XCTestCase {
    func testWhatTheOtherBranchBroughtIsNotNewButTheResolutionIs() throws {
        let repo = try TestRepository()
        try repo.write("notes.txt", "base\n")
        try repo.write("other.txt", "one\n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "-b", "topic")
        // The topic branch committed a trailing space long ago (without belay).
        try repo.write("other.txt", "one\ntwo  \n")
        try repo.commitAll()
        try repo.git("checkout", "-q", "main")
        try repo.write("notes.txt", "main\n")
        try repo.commitAll()
        let merge = try repo.gitOutcome(["merge", "--no-commit", "--no-ff", "topic"])
        XCTAssertEqual(merge.code, 0, merge.all)

        let clean = repo.belay("check")
        XCTAssertEqual(clean.code, 0, "topic's old trailing space is not the merge's doing: \(clean.all)")

        // The resolution itself adds a problem: that one is new.
        try repo.write("notes.txt", "main\nresolved  \n")
        try repo.git("add", "notes.txt")
        let added = repo.belay("check")
        XCTAssertEqual(added.code, 1, added.all)
        XCTAssertTrue(added.out.contains("notes.txt:2:"), added.out)
        XCTAssertFalse(added.out.contains("other.txt"), added.out)
    }
}
