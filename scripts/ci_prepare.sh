#!/bin/sh
# The pipelines start from a bare Debian image (debian:bookworm, Python 3.11 as on the authors' machines): this adds
# what the Makefile itself needs before it can set up the rest. Nothing happens where everything is there already.
set -eu
missing=""
command -v make >/dev/null 2>&1 || missing="$missing make"
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
python3 -c 'import ensurepip' >/dev/null 2>&1 || missing="$missing python3-venv"
[ -f /etc/ssl/certs/ca-certificates.crt ] || missing="$missing ca-certificates"
[ -z "$missing" ] && exit 0
echo "installing:$missing"
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
