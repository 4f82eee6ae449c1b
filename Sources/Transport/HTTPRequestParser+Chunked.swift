// MARK: - Chunked bodies (RFC 9112 section 7.1)

extension HTTPRequestParser {
    /// Reads a chunk-size line. Returns nil when it moved on to the chunk's data or to
    /// the trailers, or the event to return.
    mutating func parseChunkSize() -> Event? {
        guard let lineFeed = firstLineFeed(before: start + Self.maxChunkLineSize) else {
            if buffer.count - start >= Self.maxChunkLineSize { return .error(.invalidChunk) }
            return .needMoreData
        }
        guard lineFeed > start, buffer[lineFeed - 1] == ascii.cr else {
            return .error(.invalidChunk)
        }

        var index = start
        var size = 0
        while index < lineFeed - 1, let digit = hexValue(buffer[index]) {
            // Fifteen hex digits already exceed any body limit an Int can hold.
            guard index - start < 15 else { return .error(.bodyTooLarge(limit: maxBodySize)) }
            size = size * 16 + digit
            index += 1
        }
        guard index > start, isValidChunkExtension(index..<lineFeed - 1) else {
            return .error(.invalidChunk)
        }
        start = lineFeed + 1

        if size == 0 {
            state = .trailers(size: 0)
            return nil
        }
        let bodySize = pending?.request.body.count ?? 0
        guard size <= maxBodySize - bodySize else {
            return .error(.bodyTooLarge(limit: maxBodySize))
        }
        pending?.request.body.reserveCapacity(bodySize + size)
        state = .chunkData(remaining: size)
        return nil
    }

    /// Reads and drops trailer fields up to the empty line that ends the body. Like the
    /// head, it looks no further than the bytes the size limit still allows.
    mutating func skipTrailers(sizeSoFar: Int) -> Event {
        var size = sizeSoFar
        while true {
            let allowed = maxHeaderSize - size
            guard let lineFeed = firstLineFeed(before: start + allowed) else {
                if buffer.count - start >= allowed {
                    return .error(.headersTooLarge(limit: maxHeaderSize))
                }
                state = .trailers(size: size)
                return .needMoreData
            }
            guard lineFeed > start, buffer[lineFeed - 1] == ascii.cr else {
                return .error(.invalidLineEnding)
            }
            let line = start..<lineFeed - 1
            size += lineFeed + 1 - start
            if line.isEmpty {
                start = lineFeed + 1
                return finishRequest()
            }
            guard !isWhitespace(buffer[line.lowerBound]) else {
                return .error(.obsoleteLineFolding)
            }
            guard !line.contains(where: { buffer[$0] == ascii.cr }) else {
                return .error(.invalidLineEnding)
            }
            start = lineFeed + 1
        }
    }

    /// Finds the first LF at or after `start` and before `limit`.
    private func firstLineFeed(before limit: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            (start..<min(bytes.count, limit)).first { bytes[$0] == ascii.lf }
        }
    }

    /// Chunk extensions are tolerated and ignored, but must start with ";" (after optional
    /// whitespace) and hold no control characters.
    private func isValidChunkExtension(_ range: Range<Int>) -> Bool {
        guard let first = range.first(where: { !isWhitespace(buffer[$0]) }) else {
            return true
        }
        guard buffer[first] == ascii.semicolon else { return false }
        return range.allSatisfy { index in
            let byte = buffer[index]
            return byte == ascii.tab || (byte >= 0x20 && byte != 0x7F)
        }
    }
}

func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: Int(byte - 0x30)
    case 0x41...0x46: Int(byte - 0x41 + 10)
    case 0x61...0x66: Int(byte - 0x61 + 10)
    default: nil
    }
}
