# Shared by scripts/demo, scripts/test and scripts/bench: where we are, and what the
# machine needs. Source it; do not run it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$REPO_ROOT"

# Debian packages heatsync builds against (Yams vendors libyaml and swift-crypto vendors
# BoringSSL; the OpenStack adapter talks HTTP through libcurl; the git source uses libgit2;
# the journal is SQLite).
APT_PACKAGES=(pkg-config libyaml-dev libcurl4-openssl-dev libgit2-dev libsqlite3-dev)

say() { if [ -t 1 ]; then printf '\033[1m==> %s\033[0m\n' "$*"; else printf '==> %s\n' "$*"; fi; }

# Installs the missing packages (root or sudo); skips apt entirely when all are present.
install_system_packages() {
    local missing=()
    for package in "${APT_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

require_swift() {
    command -v swift >/dev/null 2>&1 || {
        echo "swift is not on PATH: install Swift 6.2 or newer (https://swift.org/install)" >&2
        exit 1
    }
}

# A Python virtualenv with the tools the tests use (JSON Schema checks), under .venv/.
python_venv() {
    if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import jsonschema, yaml' 2>/dev/null; then
        say "preparing .venv (jsonschema, pyyaml)"
        python3 -m venv .venv
        .venv/bin/pip install -q --disable-pip-version-check 'jsonschema>=4.18' 'pyyaml>=6'
    fi
}
