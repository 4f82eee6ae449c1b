// libFuzzer entry point for HTTPRequestParser, compiled together with the parser's source
// files by scripts/fuzz-http-parser (not part of the Swift package).
//
// Each input is parsed twice, all at once and in pieces whose sizes come from the input.
// Both runs must yield the same requests and error. A crash, a trap or a mismatch is a
// finding.

/// Parses `bytes` fed in pieces and describes each event. It leaves out 100-continue,
/// because whether the parser reports it depends on whether body bytes came with the head.
func parseEvents(_ bytes: [UInt8], pieceSizes: [Int], maxHeaderSize: Int,
                 maxBodySize: Int) -> [String] {
    var parser = HTTPRequestParser(maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
    var events: [String] = []
    var offset = 0
    var pieceIndex = 0
    while offset < bytes.count {
        let size = min(pieceSizes[pieceIndex % pieceSizes.count], bytes.count - offset)
        parser.append(bytes[offset..<offset + size])
        offset += size
        pieceIndex += 1
        while true {
            switch parser.nextEvent() {
            case .needMoreData:
                break
            case .continueExpected:
                continue
            case .request(let request, let keepAlive):
                precondition(request.body.count <= maxBodySize, "body over the limit")
                events.append("\(request.method) \(request.target) \(request.minorVersion) "
                              + "\(request.headers.fields.count) \(request.body) \(keepAlive)")
                continue
            case .error(let error):
                guard case .error(let again) = parser.nextEvent(), again == error else {
                    preconditionFailure("the parser did not stay failed")
                }
                events.append("error \(error)")
                return events
            }
            break
        }
    }
    return events
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let maxHeaderSize = 256
    let maxBodySize = 512
    let whole = parseEvents(bytes, pieceSizes: [max(size, 1)], maxHeaderSize: maxHeaderSize,
                            maxBodySize: maxBodySize)
    let pieceSizes = bytes.prefix(4).map { Int($0 % 7) + 1 }
    let pieces = parseEvents(bytes, pieceSizes: pieceSizes.isEmpty ? [1] : pieceSizes,
                             maxHeaderSize: maxHeaderSize, maxBodySize: maxBodySize)
    precondition(whole == pieces, "whole: \(whole) pieces: \(pieces)")
    return 0
}
