import XCTest

@testable import BelayScan

let rubyCases: [(Language, String)] = [
    (.ruby, "# c\n=begin\nfoo\n=end\nbar = \"a #{b} c\" + '#{no}'\n"),
    (.ruby, "w = %w(a b) + %i[c d] + [%q{e {f} g}, %Q|#{h}|, %r{i/j}x]\n"),
    (.ruby, "x = <<~EOS\n  body #{y} EOS\n  EOS\nz = foo(<<-A, <<'B')\n a\n A\n#{b}\nB\nq\n"),
    (.ruby, "s = :name; t = ?c; u = x.empty? ? 1 : 2; v = {key: :val}\nr = a / b; m = n =~ /o p/\nputs /re/\n"),
    (.ruby, "def a?; end\n__END__\ndata here\n"),
]

final class RubyLexerTests: XCTestCase {
    func testCommentsAndInterpolation() {
        XCTAssertEqual(names(rubyCases[0].1, .ruby), ["bar", "b"])
        XCTAssertEqual(context(of: "foo", in: rubyCases[0].1, .ruby), .comment)
    }

    func testPercentLiterals() {
        XCTAssertEqual(names(rubyCases[1].1, .ruby), ["w", "h"])
        XCTAssertEqual(kind(of: "%r{i/j}x", in: rubyCases[1].1, .ruby), .regex)
        XCTAssertEqual(kind(of: "%q{e {f} g}", in: rubyCases[1].1, .ruby), .string)
    }

    func testHeredocs() {
        let source = rubyCases[2].1
        XCTAssertEqual(names(source, .ruby), ["x", "y", "z", "foo", "q"])
        XCTAssertEqual(context(of: "body", in: source, .ruby), .string)
        XCTAssertEqual(context(of: "a", in: source, .ruby, occurrence: 0), .string)
    }

    func testSymbolsCharsRegex() {
        let source = rubyCases[3].1
        XCTAssertEqual(kind(of: ":name", in: source, .ruby), .symbol)
        XCTAssertEqual(kind(of: ":val", in: source, .ruby), .symbol)
        XCTAssertEqual(kind(of: "?c", in: source, .ruby), .string)
        XCTAssertEqual(kind(of: "empty?", in: source, .ruby), .identifier)
        XCTAssertEqual(kind(of: "/o p/", in: source, .ruby), .regex)
        XCTAssertEqual(kind(of: "/re/", in: source, .ruby), .regex)
        XCTAssertEqual(kind(of: "/", in: source, .ruby), .punctuation)
    }

    /// pathname.rb: `` $` `` (the pre-match) read as a backtick command hid the rest of the file.
    func testSpecialGlobalsQuoteNothing() {
        let source = "pre = $` + $' + $\" + $/\nFind.find(path, a: 1) {|f| f }\n"
        XCTAssertEqual(names(source, .ruby), ["pre", "$`", "$'", "$\"", "$/", "Find", "find", "path", "a", "f", "f"])
        XCTAssertEqual(context(of: "Find", in: source, .ruby), .code)
    }

    /// rdoc/cross_reference.rb: a multi-line `/…/x` regex holding `\/` ended at the first line break, and
    /// the `\/` on a later line opened a regex that threw off the scopes of the rest of the file.
    func testRegexSpansLinesAfterAssignmentOrWithExtendedFlag() {
        let assigned = "R = /a\n  [-\\/\\w]+\n  /x\ndef resolve name\nend\n"
        XCTAssertEqual(names(assigned, .ruby), ["R", "resolve", "name"])
        XCTAssertEqual(kind(of: "/a\n  [-\\/\\w]+\n  /x", in: assigned, .ruby), .regex)
        let argument = "m = s.match(/a\n b/, 1)\nn = 2\n"
        XCTAssertEqual(names(argument, .ruby), ["m", "s", "match", "n"])
        let extended = "case s\nwhen /a\n  b # c\n /x then 1\nend\nq = 2\n"
        XCTAssertEqual(names(extended, .ruby), ["s", "q"])
        XCTAssertEqual(context(of: "b", in: extended, .ruby), .string)
    }

    /// A `/` that is division, or a regex start that closes on no line of its own, swallows nothing.
    func testDivisionAndUnclosedRegexStopAtTheLineEnd() {
        let division = "r = a / b / c\ns = total /\n  count\nt = u / 2\n"
        XCTAssertEqual(names(division, .ruby), ["r", "a", "b", "c", "s", "total", "count", "t", "u"])
        XCTAssertEqual(kind(of: "/", in: division, .ruby, occurrence: 2), .punctuation)
        let command = "x = b /2\ny = d / e\n"
        XCTAssertEqual(names(command, .ruby), ["x", "b", "y", "d", "e"])
        let unclosed = "go if /a\ny = 2\nz = 3 / 4\n"
        XCTAssertEqual(names(unclosed, .ruby), ["go", "y", "z"])
        XCTAssertEqual(kind(of: "/", in: unclosed, .ruby), .punctuation)
        let oneLine = "k = v =~ /a\\/b/i ? 1 : 2\n"
        XCTAssertEqual(kind(of: "/a\\/b/i", in: oneLine, .ruby), .regex)
        XCTAssertEqual(names(oneLine, .ruby), ["k", "v"])
    }

    func testEndData() {
        XCTAssertEqual(names(rubyCases[4].1, .ruby), ["a?"])
    }
}
