#!/bin/sh
# Installs the independent iCalendar parsers that tests/feeds reads the calendar feeds with:
#   - ical.js (Mozilla) and node-ical, exactly as locked in tests/feeds/js/package-lock.json;
#   - libical through GObject introspection, for Debian's system python3 (apt, as root only).
# vobject, icalendar and vdirsyncer come from requirements-dev.txt into the virtualenv.
#
# Idempotent and quick when everything is there; called by the Makefile and .ci/run.
# Without npm or root it only says what is missing: the tests then skip with that reason,
# or fail when REQUIRE_FEED_PARSERS=1 (as in CI).
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
js="$here/js"
stamp="$js/node_modules/.installed-package-lock.json"

if command -v npm >/dev/null 2>&1; then
    # npm ci deletes and reinstalls node_modules, so run it only when the lock file changed.
    if ! cmp -s "$js/package-lock.json" "$stamp" 2>/dev/null; then
        npm ci --prefix "$js" --no-audit --no-fund --loglevel=error >/dev/null
        cp "$js/package-lock.json" "$stamp"
    fi
else
    echo "feeds: npm is missing; install Node.js 20 or newer for ical.js and node-ical." >&2
fi

has_libical() {
    /usr/bin/python3 -c "import gi; gi.require_version('ICalGLib', '3.0')" >/dev/null 2>&1
}

if ! has_libical; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gir1.2-ical-3.0 python3-gi >/dev/null
        has_libical
    else
        echo "feeds: libical for /usr/bin/python3 is missing; as root run:" >&2
        echo "  apt-get install gir1.2-ical-3.0 python3-gi" >&2
    fi
fi
