import BelayCore
import BelayRename
import Foundation

/// What counts as a use of a dropped or renamed name (``MigrationStage``): how a hit is written, and
/// what its line and file say about whose column or table it is.
extension MigrationStage {
    /// How a hit names a column or table, if it does.
    enum Reference: Equatable {
        /// `receiver.name`, `$receiver->name` (`receiver` is empty after a call or a bracket).
        case member(String)
        /// A symbol (`:email`), a label or keyword argument (`email:`, `email=`), or a whole string (`"email"`).
        case name
    }

    /// How `hit` is written, when it is the way code names a column or table. A plain variable or
    /// parameter of that name is no use of the column.
    static func reference(_ bytes: [UInt8], _ hit: AuditHit) -> Reference? {
        func at(_ offset: Int) -> UInt8 { offset >= 0 && offset < bytes.count ? bytes[offset] : 0 }
        let before = at(hit.start - 1)
        let after = at(hit.end)
        var dot = -1
        if before == 0x2E { dot = hit.start - 1 }  // .
        if before == 0x3E && at(hit.start - 2) == 0x2D { dot = hit.start - 2 }  // ->
        if dot >= 0 {
            var start = dot
            while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
            return .member(String(decoding: bytes[start..<dot], as: UTF8.self))
        }
        if before == 0x3A && at(hit.start - 2) != 0x3A && !isNameByte(at(hit.start - 2)) { return .name }  // :symbol
        if after == 0x3A && at(hit.end + 1) != 0x3A && before != 0x3A && !isNameByte(before) { return .name }  // label:
        if after == 0x3D && at(hit.end + 1) != 0x3D { return .name }  // keyword=
        guard before == 0x22 || before == 0x27 || before == 0x60, after == before else { return nil }
        // A whole string names the column as a key (`"email"`, `["email"]`, `("email",)`), not as the value
        // of another key (`kind="fail"`, `status: "active"`).
        var previous = hit.start - 2
        while previous >= 0, bytes[previous] == 0x20 || bytes[previous] == 0x09 { previous -= 1 }
        let value = previous >= 0 && (bytes[previous] == 0x3D || bytes[previous] == 0x3A || bytes[previous] == 0x3E)
        return value ? nil : .name
    }

    /// Whether the hit names a table: an association (`has_many :widgets`), a model's table setting
    /// (`self.table_name = "widgets"`, `db_table = "widgets"`, `__tablename__ = "widgets"`), or SQL that
    /// reads or writes it (`FROM widgets`, `JOIN widgets`, `INTO`, `UPDATE`).
    static func namesTable(_ hit: AuditHit) -> Bool {
        let line = hit.lineText
        let lower = line.lowercased()
        for association in ["has_many :", "has_one :", "has_and_belongs_to_many :", "through: :"] {
            if lower.contains(association + hit.text.lowercased()) { return true }
        }
        for setting in ["table_name", "db_table", "__tablename__", "tablename"] where lower.contains(setting) {
            return true
        }
        guard hit.context == .string else { return false }
        // SQL keywords as SQL is written in code: upper case (`FROM downloads`, not "from downloads table").
        let words = line.prefix(max(0, hit.column - 1)).split { !$0.isLetter && $0 != "_" }
        return ["FROM", "JOIN", "INTO", "UPDATE", "TABLE"].contains(words.last.map(String.init) ?? "")
    }

    /// Whether the hit's line defines the name as a method or attribute (`def downloads`, `def self.x`,
    /// `get x()`, `attr_reader :x`, `alias_attribute :x`, `x = property(…)`).
    static func definesMember(_ hit: AuditHit) -> Bool {
        guard hit.context == .code, !hit.compound else { return false }
        let line = hit.lineText.trimmingCharacters(in: .whitespaces)
        let name = hit.text
        for prefix in ["def ", "def self.", "async def ", "get ", "set ", "attr_reader :", "attr_accessor :"] {
            if line.hasPrefix(prefix + name) { return true }
        }
        return line.hasPrefix("alias_attribute :" + name) || line.hasPrefix(name + " = property(")
    }

    /// Whether the hit's line defines the class as a database model (`class User < ApplicationRecord`,
    /// `class User(models.Model)`, `class User(Base)`, `class User(db.Model)`).
    static func definesModel(_ hit: AuditHit) -> Bool {
        guard hit.context == .code, hit.variant == .pascal, !hit.compound else { return false }
        let line = hit.lineText.trimmingCharacters(in: .whitespaces)
        guard line.hasPrefix("class " + hit.text) else { return false }
        return ["ApplicationRecord", "ActiveRecord", "Model", "Base", "Entity"].contains { line.contains($0) }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
    }

    /// Whether a file is the entity's own: `user.rb`, `User.php`, `user_resource.rb`, `user_serializer.py`
    /// (not `role_permission.php` for `roles`).
    static func isEntityFile(_ stem: String, _ entity: String) -> Bool {
        guard stem.hasPrefix(entity) else { return false }
        let rest = stem.dropFirst(entity.count)
        return rest.isEmpty
            || ["resource", "serializer", "admin", "form", "forms", "policy", "presenter", "decorator", "model"]
                .contains(String(rest))
    }

    /// Whether `line` names a class other than the entity's (a capitalised identifier followed by `.`,
    /// `::` or `(`, as a class is used).
    static func namesOtherClass(_ line: String, entity: String) -> Bool {
        let characters = Array(line)
        var index = 0
        while index < characters.count {
            guard characters[index].isUppercase,
                index == 0 || !(characters[index - 1].isLetter || characters[index - 1] == "_")
            else {
                index += 1
                continue
            }
            var end = index
            while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_"
            {
                end += 1
            }
            let word = String(characters[index..<end])
            let next = end < characters.count ? characters[end] : " "
            if (next == "." || next == ":" || next == "("), word.contains(where: \.isLowercase), flat(word) != entity {
                return true
            }
            index = end
        }
        return false
    }

    /// Whether `text` (a line up to the hit) calls a method of a variable that is not the entity
    /// (`$permission->getRawAttribute('name')` for `roles.name`): the key is that object's.
    static func callsOtherObject(_ text: String, entity: String) -> Bool {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let start = index
            guard characters[index] == "$" || characters[index].isLowercase || characters[index] == "@" else {
                index += 1
                continue
            }
            let chained = start > 0 && (characters[start - 1] == "." || characters[start - 1] == ">")
            let glued = start > 0 && (characters[start - 1].isLetter || characters[start - 1].isNumber)
            index += 1
            while index < characters.count,
                characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
            {
                index += 1
            }
            let name = flat(String(characters[start..<index]).trimmingCharacters(in: ["$", "@"]))
            let member =
                index < characters.count
                && (characters[index] == "."
                    || (characters[index] == "-" && index + 1 < characters.count && characters[index + 1] == ">"))
            if member, !chained, !glued, !name.hasSuffix(entity),
                !["self", "this", "static", "parent", "super"].contains(name)
            {
                return true
            }
        }
        return false
    }

    /// Whether `line` has a capitalised identifier that is the entity's class (`User`, `OrderItem`).
    static func namesClass(_ line: String, entity: String) -> Bool {
        var word = ""
        for character in line + " " {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            if word.first?.isUppercase == true, flat(word) == entity { return true }
            word = ""
        }
        return false
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        var index = 0
        while let found = haystack[index...].firstIndex(of: needle[0]), found + needle.count <= haystack.count {
            if haystack[found..<(found + needle.count)].elementsEqual(needle) { return true }
            index = found + 1
        }
        return false
    }
}
