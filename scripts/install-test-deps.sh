#!/usr/bin/env bash
# System packages the tests need, from Debian's repositories, installed only when absent:
# PostgreSQL (storage tests run against a real server), openssl (a certificate for the SMTP TLS tests),
# Chromium (the extension's end-to-end tests; Playwright drives Debian's build, it never downloads one)
# and Node.js (the extension's unit tests use node's built-in test runner).
set -euo pipefail

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: need ${missing[*]} from Debian; run as root or install them first" >&2
  exit 1
fi
echo "install-test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
