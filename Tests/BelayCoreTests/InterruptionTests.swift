import Foundation
import XCTest

@testable import BelayCore

/// The record an interruption works from, on fresh instances (never the process's shared one).
final class InterruptionTests: XCTestCase {
    func testAnInterruptionWaitsForTheCriticalSectionToFinish() {
        let record = Interruption()
        let state = Flags()
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let worker = Thread {
            _ = record.critical { () -> Void in
                entered.signal()
                release.wait()
                state.set("finished")
            }
        }
        worker.start()
        entered.wait()
        let stopped = DispatchSemaphore(value: 0)
        let stopper = Thread {
            _ = record.interrupt(signal: SIGTERM, grace: 0, context: "test")
            state.set(state.has("finished") ? "stopped after" : "stopped before")
            stopped.signal()
        }
        stopper.start()
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertFalse(state.has("stopped before"), "the interruption must wait for the critical section")
        release.signal()
        XCTAssertEqual(stopped.wait(timeout: .now() + 30), .success, "hang guard")
        XCTAssertTrue(state.has("stopped after"))
    }

    func testOnceInterruptedNothingStartsAndOnlyTheFirstSignalStops() {
        let record = Interruption()
        let cleaned = Flags()
        _ = record.addCleanup { cleaned.set("snapshot") }
        let removed = record.addCleanup { cleaned.set("released already") }
        record.removeCleanup(removed)

        let first = record.interrupt(signal: SIGINT, grace: 0, context: "test")
        XCTAssertFalse(first.alreadyStopping)
        XCTAssertEqual(first.removedTemporaries, 1)
        XCTAssertTrue(cleaned.has("snapshot"))
        XCTAssertFalse(cleaned.has("released already"))
        XCTAssertEqual(record.signal, SIGINT)

        XCTAssertTrue(record.interrupt(signal: SIGTERM, grace: 0, context: "test").alreadyStopping)
        XCTAssertEqual(record.signal, SIGINT, "the first signal decides the exit code")

        var spawned = false
        XCTAssertFalse(
            record.spawnRecorded(ownGroup: true) {
                spawned = true; return nil
            })
        XCTAssertFalse(spawned, "no child starts once belay is interrupted")
        var ran = false
        XCTAssertNil(record.critical { () -> Void in ran = true })
        XCTAssertFalse(ran, "no critical section starts once belay is interrupted")
    }
}

private final class Flags: @unchecked Sendable {
    private let lock = NSLock()
    private var values: Set<String> = []
    func set(_ value: String) { lock.withLock { _ = values.insert(value) } }
    func has(_ value: String) -> Bool { lock.withLock { values.contains(value) } }
}
