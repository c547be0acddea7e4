import XCTest

@testable import BelayScan

/// ``ScannedFile/annotationEnd(at:before:)``: annotations, attributes and decorators, and the `@`s that are not.
final class AnnotationTests: XCTestCase {
    /// The text of every annotation in `source`, each from its `@` to the token before its end.
    func annotations(_ source: String, _ language: Language) -> [String] {
        let file = ScannedFile(source, language: language)
        return file.tokens.indices.compactMap { k in
            guard let end = file.annotationEnd(at: k) else { return nil }
            return String(decoding: file.bytes[file.tokens[k].start..<file.tokens[end - 1].end], as: UTF8.self)
        }
    }

    func testKotlinUseSiteTargetsGroupsAndLabels() {
        let source = """
            @file:JvmName("Utils")
            class A(@get:JvmName("x") val x: Int, @param:[Inject Named("y")] val y: Int, @Foo.Bar z: Int,
                @field : Json("w") val w: Int, @field v: Int) {
                fun f() { items.forEach { return@forEach }; loop@ for (i in l) { break@loop }; g(this@A) }
            }
            """
        XCTAssertEqual(
            annotations(source, .kotlin),
            [
                "@file:JvmName(\"Utils\")", "@get:JvmName(\"x\")", "@param:[Inject Named(\"y\")]", "@Foo.Bar",
                "@field : Json(\"w\")", "@field",
            ])
    }

    func testSwiftAttributeArgumentsTouchTheName() {
        let source = "@available(iOS 13, *) func f(g: @escaping () -> Void, h: @MainActor @Sendable (Int) -> Void) {}\n"
        XCTAssertEqual(
            annotations(source, .swift), ["@available(iOS 13, *)", "@escaping", "@MainActor", "@Sendable"])
    }

    func testJavaAndTypeScriptAnnotations() {
        XCTAssertEqual(
            annotations("void f(@Param(value = \"a\") int a, @Nullable String b) {}\n", .java),
            ["@Param(value = \"a\")", "@Nullable"])
        XCTAssertEqual(
            annotations("class C { constructor(@Inject(S) private s: S, @Optional() t: T) {} }\n", .typescript),
            ["@Inject(S)", "@Optional()"])
    }

    func testPythonDecoratorsStartTheirLineMatrixProductsDoNot() {
        let source = "@app.route(\"/\")\n@cache\ndef f(a, b):\n    return (a\n        @ b) @ c\n"
        XCTAssertEqual(annotations(source, .python), ["@app.route(\"/\")", "@cache"])
    }

    func testLanguagesWithoutAnnotationsHaveNone() {
        XCTAssertEqual(annotations("class A\n  def f\n    @x = 1\n  end\nend\n", .ruby), [])
        XCTAssertEqual(annotations("fn f(n: u8) { match n { x @ 1..=5 => {}, _ => {} } }\n", .rust), [])
    }
}
