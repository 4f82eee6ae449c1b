# Shared set-up steps for scripts/serve, scripts/test and Benchmarks/run.
# Source this file from bash; it defines functions and sets REPO_ROOT, nothing else.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Debian packages that `swift build` needs for the COpenSSL, CSQLite and CExpat targets.
BUILD_PACKAGES=(libssl-dev libsqlite3-dev libexpat1-dev pkg-config)

log() {
    printf '==> %s\n' "$*" >&2
}

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "error: '$*' needs root and sudo is not installed; run it as root"
        return 1
    fi
}

# Install the named Debian packages that are not installed yet. `apt-get update` runs
# only when at least one package is missing, so a prepared machine makes no network call.
ensure_apt_packages() {
    local missing=() package status
    for package in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
        if [[ "$status" != "install ok installed" ]]; then
            missing+=("$package")
        fi
    done
    if [[ ${#missing[@]} -eq 0 ]]; then
        return 0
    fi
    log "installing Debian packages: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

# Put the toolchain from /opt/swift on PATH when `swift` is not found already.
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    fi
    if ! command -v swift >/dev/null 2>&1; then
        log "error: swift not found on PATH or in /opt/swift/usr/bin; install Swift 6.3"
        return 1
    fi
}

# Build the memset-mock executable in the given configuration (debug or release) and
# print the path of the binary. Extra arguments go to `swift build`.
build_memset_mock() {
    local configuration="$1"
    shift
    ensure_swift
    log "swift build -c $configuration --product memset-mock"
    (cd "$REPO_ROOT" && swift build -c "$configuration" --product memset-mock "$@" >&2)
    local bin_path
    bin_path="$(cd "$REPO_ROOT" && swift build -c "$configuration" --show-bin-path "$@")"
    printf '%s/memset-mock\n' "$bin_path"
}
