import XCTest

@testable import BelayScan

/// A small deterministic generator (tests must be reproducible).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Checks the invariants every scan must keep: tokens in bounds, ordered by start, non-empty.
func assertWellFormed(_ bytes: [UInt8], _ language: Language, file: StaticString = #filePath, line: UInt = #line) {
    let scanned = ScannedFile(bytes: bytes, language: language)
    var previousStart = 0
    for token in scanned.tokens {
        if !(token.start >= previousStart && token.start < token.end && token.end <= bytes.count) {
            XCTFail("bad token \(token) in \(language) input of \(bytes.count) bytes", file: file, line: line)
            return
        }
        previousStart = token.start
    }
    XCTAssertEqual(scanned.tokens.count, scanned.scopeOfToken.count, file: file, line: line)
    for offset in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 16)) {
        _ = scanned.classify(offset: offset)
    }
}

final class RobustnessTests: XCTestCase {
    func testEveryTruncationOfEveryFixtureInEveryLanguage() {
        for (_, source) in corpus {
            let bytes = Array(source.utf8)
            for language in Language.allCases {
                for length in 0...bytes.count { assertWellFormed(Array(bytes[..<length]), language) }
            }
        }
    }

    func testRandomBytesAndHostileInputs() {
        var random = SplitMix(state: 42)
        let alphabet = Array("\"'`/\\*#{}()[]$%<~-=:?!\n\r\t abcEOS_09é".utf8) + [0, 0xFF, 0xC3, 0x80]
        for round in 0..<300 {
            let count = Int.random(in: 0..<400, using: &random)
            let bytes = (0..<count).map { _ in
                round.isMultiple(of: 2)
                    ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random)!
            }
            for language in Language.allCases { assertWellFormed(bytes, language) }
        }
        let hostile = [
            String(repeating: "f\"{", count: 200), String(repeating: "`${", count: 200),
            String(repeating: "\"\\(", count: 200), String(repeating: "/*", count: 500),
            String(repeating: "(", count: 5000),
            String(repeating: "<<~A\n", count: 100), String(repeating: "%w(", count: 300), "\r\n\r\n\0\0",
        ]
        for text in hostile {
            for language in Language.allCases { assertWellFormed(Array(text.utf8), language) }
        }
    }

    func testLargeInputIsLinear() {
        let unit = Array(pythonCases.map(\.1).joined().utf8)
        var big: [UInt8] = []
        while big.count < 600_000 { big += unit }  // about 12,000+ lines
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for language in [Language.python, .ruby, .javascript] { _ = ScannedFile(bytes: big, language: language) }
        }
        // Generous: debug builds are slow; a quadratic scan would take minutes.
        XCTAssertLessThan(elapsed, .seconds(30))
    }

    func testCRLFIsHandled() {
        let file = ScannedFile("x = 1\r\n# c\r\ny = 'a'\r\n", language: .python)
        XCTAssertEqual(file.tokens.filter { $0.kind == .identifier }.map { file.text(of: $0) }, ["x", "y"])
        XCTAssertEqual(file.text(of: file.tokens.first { $0.kind == .comment }!), "# c")
    }
}
