import Glibc

/// A fresh folder under /tmp, removed with its files when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/transport-tests-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { buffer in
            String(cString: mkdtemp(buffer.baseAddress!)!)
        }
    }

    deinit {
        _ = system("rm -rf '\(path)'")
    }

    func file(_ name: String) -> String { "\(path)/\(name)" }
}

/// Runs a shell command and returns its exit status.
func runShell(_ command: String) -> Int32 {
    let status = system(command)
    return status >= 0 ? (status >> 8) & 0xFF : status
}

func fileMode(_ path: String) -> mode_t {
    var status = stat()
    stat(path, &status)
    return status.st_mode & 0o777
}
