#!/bin/sh
# Installs the Debian packages a target needs when they are missing: `build` needs the faster font subsetter
# for the PDFs (the print-shop cards' CMYK profile is in the repository, handbook/printing/profiles/); `test`
# also needs chromium and poppler-utils for the browser and PDF tests, nginx with its Brotli module to serve the
# site with the generated build/nginx-site.conf, Java for the Nu HTML Checker, qpdf for the PDF check, npm for the
# pinned checkers under tests/, and an ssh server to publish to a host on the loopback. `publish` (and `test`) need
# rsync and the ssh client to upload a release.
# Only root can install; anyone else gets a note, and the tests that need them skip with the same reason.
missing=""
ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || missing="$missing libharfbuzz-subset0"
if [ "${1:-build}" = test ]; then
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
  [ -x /usr/sbin/nginx ] || missing="$missing nginx"
  [ -f /usr/share/nginx/modules-available/mod-http-brotli-static.conf ] || missing="$missing libnginx-mod-http-brotli-static"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
  command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
  command -v npm >/dev/null 2>&1 || missing="$missing npm"
  [ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
fi
if [ "${1:-build}" = test ] || [ "${1:-build}" = publish ]; then
  command -v rsync >/dev/null 2>&1 || missing="$missing rsync"
  command -v ssh >/dev/null 2>&1 || missing="$missing openssh-client"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing system packages:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "note: missing system packages:$missing (not root, so not installed; tests that need them will skip)"
fi
