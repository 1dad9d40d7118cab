#!/bin/sh
# Installs what the browser tests (tests/browser) need besides the Python packages:
#   - Debian's Chromium (apt, as root only): Playwright's own browser download is not available,
#     so the tests drive /usr/bin/chromium (or $CHROMIUM);
#   - axe-core, exactly as locked in tests/browser/js/package-lock.json (npm).
# Playwright itself comes from requirements-dev.txt into the virtualenv.
#
# Idempotent and quick when everything is there; called by `make test-browser`.
# When something cannot be installed it says what is missing and how to install it, and fails.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
js="$here/js"
stamp="$js/node_modules/.installed-package-lock.json"
chromium=${CHROMIUM:-/usr/bin/chromium}
missing=0

if [ ! -x "$chromium" ]; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    if [ ! -x "$chromium" ]; then
        echo "browser tests: Chromium is missing at $chromium; as root run:" >&2
        echo "  apt-get install chromium" >&2
        echo "or point CHROMIUM at a Chromium or Chrome binary." >&2
        missing=1
    fi
fi

if command -v npm >/dev/null 2>&1; then
    # npm ci deletes and reinstalls node_modules, so run it only when the lock file changed.
    if ! cmp -s "$js/package-lock.json" "$stamp" 2>/dev/null; then
        npm ci --prefix "$js" --no-audit --no-fund --loglevel=error >/dev/null
        cp "$js/package-lock.json" "$stamp"
    fi
else
    echo "browser tests: npm is missing; install Node.js 20 or newer (Debian: apt-get install nodejs npm) for axe-core." >&2
    missing=1
fi

exit $missing
