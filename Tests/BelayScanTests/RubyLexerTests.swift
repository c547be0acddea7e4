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

    func testEndData() {
        XCTAssertEqual(names(rubyCases[4].1, .ruby), ["a?"])
    }
}
