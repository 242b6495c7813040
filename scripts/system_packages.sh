#!/bin/sh
# Installs the Debian packages the browser and PDF tests need (chromium, poppler-utils) when missing.
# Only root can install; anyone else gets a note, and those tests skip with the same reason.
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "note: missing system packages:$missing (not root: browser/PDF tests will be skipped)"
fi
