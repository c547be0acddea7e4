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

    /// Spawns on different threads no longer wait for each other; an interruption that arrives while one
    /// is under way waits until its child is recorded, then stops it with the others.
    func testAnInterruptionDuringASpawnStopsThatChildToo() {
        let record = Interruption()
        let inSpawn = DispatchSemaphore(value: 0)
        let finishSpawn = DispatchSemaphore(value: 0)
        let child = PidBox()
        let spawner = Thread {
            _ = record.spawnRecorded(ownGroup: false) {
                var pid = pid_t()
                let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
                defer { argv.forEach { free($0) } }
                posix_spawn(&pid, "/bin/sleep", nil, nil, argv, environ)
                child.pid = pid
                inSpawn.signal()
                finishSpawn.wait()  // the spawn is still under way when the interruption arrives
                return pid
            }
        }
        spawner.start()
        inSpawn.wait()
        let otherDone = DispatchSemaphore(value: 0)
        Thread {
            _ = record.spawnRecorded(ownGroup: false) { nil }
            otherDone.signal()
        }.start()
        XCTAssertEqual(otherDone.wait(timeout: .now() + 5), .success, "a spawn on another thread is not held up")
        let stopped = DispatchSemaphore(value: 0)
        let stopper = Thread {
            _ = record.interrupt(signal: SIGTERM, grace: 0.5, context: "test")
            stopped.signal()
        }
        stopper.start()
        Thread.sleep(forTimeInterval: 0.1)
        finishSpawn.signal()
        // The runner reaps its child and forgets it; here the test does, once the signal has arrived.
        var status: Int32 = 0
        XCTAssertEqual(waitpid(child.pid, &status, 0), child.pid)
        XCTAssertTrue(status & 0x7f == SIGTERM, "the child spawned during the interruption was stopped")
        record.forget(child.pid)
        XCTAssertEqual(stopped.wait(timeout: .now() + 30), .success, "hang guard")
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

/// A child's pid, set on the spawning thread and read after it signalled.
private final class PidBox: @unchecked Sendable {
    var pid: pid_t = 0
}
