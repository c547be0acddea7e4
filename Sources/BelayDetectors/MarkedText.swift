/// Source text with `1️⃣` markers at the places where findings are expected, split into the source bytes
/// and the byte offsets of the markers (offsets into the source with every marker removed).
public struct MarkedText: Sendable, Equatable {
    /// The marker: KEYCAP DIGIT ONE (`1`, U+FE0F, U+20E3).
    public static let marker: [UInt8] = Array("1️⃣".utf8)

    /// The source without markers.
    public let bytes: [UInt8]
    /// Byte offset of each marker in ``bytes``, ascending.
    public let markers: [Int]

    /// Splits `text`.
    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    /// Splits `marked`.
    public init(bytes marked: [UInt8]) {
        let marker = Self.marker
        var bytes: [UInt8] = []
        bytes.reserveCapacity(marked.count)
        var markers: [Int] = []
        var index = 0
        while index < marked.count {
            if marked[index] == marker[0], index + marker.count <= marked.count,
                marked[index..<(index + marker.count)].elementsEqual(marker)
            {
                markers.append(bytes.count)
                index += marker.count
            } else {
                bytes.append(marked[index])
                index += 1
            }
        }
        self.bytes = bytes
        self.markers = markers
    }
}
