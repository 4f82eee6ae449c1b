import CExpat

/// An element of a parsed XML document: its name, child elements, character data and the
/// byte offset of its start tag. Attributes are not kept because XML-RPC uses none.
struct XMLElement {
    var name: String
    var children: [XMLElement] = []
    var text: [UInt8] = []
    var offset: Int
}

/// An expat parser that reads a whole document into a tree of `XMLElement`.
///
/// It rejects any document type declaration, so no entity is ever declared, expanded or
/// fetched: a "billion laughs" or external entity (XXE) document fails at its DOCTYPE.
/// It also rejects elements nested deeper than `maximumDepth` and documents with more than
/// `maximumElementCount` elements, before building them.
final class XMLTreeParser {
    let maximumDepth: Int
    let maximumElementCount: Int

    private let parser: XML_Parser
    private var stack: [XMLElement] = []
    private var root: XMLElement?
    private var elementCount = 0
    private var failure: WireError?

    /// - Throws: `WireError` when expat cannot allocate a parser.
    init(maximumDepth: Int, maximumElementCount: Int) throws(WireError) {
        guard let parser = XML_ParserCreate(nil) else {
            throw WireError(.xml, "expat could not allocate a parser")
        }
        self.parser = parser
        self.maximumDepth = maximumDepth
        self.maximumElementCount = maximumElementCount
        XML_SetUserData(parser, Unmanaged.passUnretained(self).toOpaque())
        XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER)
        XML_SetElementHandler(parser, startElementHandler, endElementHandler)
        XML_SetCharacterDataHandler(parser, characterDataHandler)
        XML_SetStartDoctypeDeclHandler(parser, startDoctypeHandler)
        // Entities can only be declared inside a DOCTYPE, where the handler above stops
        // parsing. This handler is a second guard in case expat reports a declaration first.
        XML_SetEntityDeclHandler(parser, entityDeclarationHandler)
    }

    deinit {
        XML_ParserFree(parser)
    }

    /// Parses a complete document. A parser reads one document only.
    /// - Throws: `WireError` with expat's message and byte offset, or naming the limit or
    ///   construct that was rejected.
    func parse(_ document: [UInt8]) throws(WireError) -> XMLElement {
        precondition(root == nil && failure == nil, "an XMLTreeParser parses one document")
        guard document.count <= Int(Int32.max) else {
            throw WireError(.xml, "the document is larger than 2 GiB")
        }
        let status = document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                XML_Parse(parser, $0.baseAddress, Int32(buffer.count), 1)
            }
        }
        if let failure { throw failure }
        guard status == XML_STATUS_OK, let root else {
            let code = XML_GetErrorCode(parser)
            let message = XML_ErrorString(code).map { String(cString: $0) } ?? "error \(code)"
            let offset = Int(XML_GetCurrentByteIndex(parser))
            throw WireError(.xml, message + " (line \(XML_GetCurrentLineNumber(parser)))",
                            offset: offset >= 0 ? offset : nil)
        }
        return root
    }

    // MARK: Handlers

    fileprivate func startElement(_ name: String) {
        guard failure == nil else { return }
        elementCount += 1
        guard elementCount <= maximumElementCount else {
            stop(WireError(.xml, "the document has more than \(maximumElementCount) "
                + "elements", offset: currentOffset))
            return
        }
        guard stack.count < maximumDepth else {
            stop(WireError(.xml, "elements are nested more than \(maximumDepth) deep",
                           offset: currentOffset))
            return
        }
        stack.append(XMLElement(name: name, offset: currentOffset))
    }

    fileprivate func endElement() {
        guard failure == nil, let element = stack.popLast() else { return }
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    fileprivate func characterData(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil, !stack.isEmpty else { return }
        stack[stack.count - 1].text.append(contentsOf: bytes)
    }

    fileprivate func stop(_ error: WireError) {
        guard failure == nil else { return }
        failure = error
        XML_StopParser(parser, XML_Bool(XML_FALSE))
    }

    fileprivate var currentOffset: Int {
        Int(XML_GetCurrentByteIndex(parser))
    }
}

private func parserFrom(_ userData: UnsafeMutableRawPointer?) -> XMLTreeParser? {
    guard let userData else { return nil }
    return Unmanaged<XMLTreeParser>.fromOpaque(userData).takeUnretainedValue()
}

private let startElementHandler: XML_StartElementHandler = { userData, name, _ in
    guard let parser = parserFrom(userData), let name else { return }
    parser.startElement(String(cString: name))
}

private let endElementHandler: XML_EndElementHandler = { userData, _ in
    parserFrom(userData)?.endElement()
}

private let characterDataHandler: XML_CharacterDataHandler = { userData, text, length in
    guard let parser = parserFrom(userData), let text, length > 0 else { return }
    text.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
        parser.characterData(UnsafeBufferPointer(start: $0, count: Int(length)))
    }
}

private let startDoctypeHandler: XML_StartDoctypeDeclHandler = { userData, _, _, _, _ in
    guard let parser = parserFrom(userData) else { return }
    parser.stop(WireError(.xml, "a document type declaration (DOCTYPE) is not allowed",
                          offset: parser.currentOffset))
}

private let entityDeclarationHandler: XML_EntityDeclHandler = {
    userData, _, _, _, _, _, _, _, _ in
    guard let parser = parserFrom(userData) else { return }
    parser.stop(WireError(.xml, "an entity declaration is not allowed",
                          offset: parser.currentOffset))
}
