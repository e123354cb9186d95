#!/usr/bin/env bash
# Find a Chromium for the browser tests (test/browser), installing Debian's package when
# it is missing and this is root on a machine with apt-get.
#
#   bash scripts/browser.sh     prints the path of the chromium binary on stdout (exit 0),
#                               or explains on stderr why there is none (exit 1)
#
# CHROMIUM_PATH, when set, is used as it is. Everything human-readable goes to stderr.
set -euo pipefail
exec 3>&1 1>&2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
DATA="$ROOT/.data"

log() { printf 'browser: %s\n' "$*" >&2; }

found() { printf '%s\n' "$1" >&3; exit 0; }

find_chromium() {
  local p
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    [ -x "$CHROMIUM_PATH" ] && { echo "$CHROMIUM_PATH"; return 0; }
    log "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file"
    return 1
  fi
  for p in /usr/bin/chromium /usr/bin/chromium-browser "$(command -v chromium 2>/dev/null || true)" \
    "$(command -v chromium-browser 2>/dev/null || true)"; do
    [ -n "$p" ] && [ -x "$p" ] && { echo "$p"; return 0; }
  done
  return 1
}

if path="$(find_chromium)"; then found "$path"; fi
[ -z "${CHROMIUM_PATH:-}" ] || exit 1

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  log "Chromium is not installed and this script cannot install it (needs root and apt-get)."
  log "Install it with:   sudo apt-get install -y chromium"
  log "or point CHROMIUM_PATH at a Chromium/Chrome binary."
  exit 1
fi

mkdir -p "$DATA"
apt=(apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
log "chromium not found; installing Debian's chromium package with apt-get (a minute or two; log: $DATA/apt-chromium.log)"
if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends chromium \
  </dev/null >"$DATA/apt-chromium.log" 2>&1; then
  log "apt-get install failed; running apt-get update and retrying"
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" update </dev/null >>"$DATA/apt-chromium.log" 2>&1 || true
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends chromium \
    </dev/null >>"$DATA/apt-chromium.log" 2>&1; then
    tail -n 20 "$DATA/apt-chromium.log" >&2 || true
    log "apt-get install chromium failed (log: $DATA/apt-chromium.log)"
    exit 1
  fi
fi
path="$(find_chromium)" || { log "chromium was installed but its binary was not found"; exit 1; }
log "installed $path"
found "$path"
