# The destination side of `make publish` and `make rollback`, run with `sh -s` on the host that serves the site
# (locally, or through ssh): sh and GNU coreutils only, so a Debian server needs nothing installed for it.
#
#   DEST/releases/<UTC time>-<commit>/site/             one published build
#   DEST/releases/<UTC time>-<commit>/nginx-site.conf   its nginx directives, `root DEST/live/site`
#   DEST/releases/<UTC time>-<commit>/previous          the release that was live before it, for a rollback
#   DEST/live -> releases/<name>                         what nginx serves
#
# Readers switch releases at one rename of the `live` symlink. A rollback goes back to what was live before, not
# to the next older name: after a rollback and a fixed publish, the broken release is never the way back.
set -eu

action=$1
dest=$2

fail() {
  echo "$*" >&2
  exit 1
}

live_name() {
  if [ -L "$dest/live" ]; then
    basename "$(readlink "$dest/live")"
  fi
}

releases() {
  # Only finished releases: an upload in progress is a dot-folder and never a swap target.
  find "$dest/releases" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -exec basename {} \; | LC_ALL=C sort
}

swap_to() {
  # ln -sfn on `live` itself would unlink and recreate it: a reader could find no `live` in between. A rename
  # replaces it in one step.
  ln -sfn "releases/$1" "$dest/.live.new"
  mv -T "$dest/.live.new" "$dest/live"
}

config_note() {
  if ! cmp -s "$dest/releases/$1/nginx-site.conf" "$dest/releases/$2/nginx-site.conf"; then
    echo "nginx-site.conf changed: reload nginx"
  fi
}

case $action in
prepare)
  # Makes the upload's folder; prints the absolute destination (nginx needs it) and the live release, which the
  # upload hard-links against.
  mkdir -p "$dest/releases/.$3.partial"
  cd "$dest" && pwd
  live_name
  ;;
activate)
  name=$3
  keep=$4
  fingerprinted=$5
  previous=$(live_name)
  [ -d "$dest/releases/.$name.partial/site" ] || fail "no upload of $name to activate"
  mv -T "$dest/releases/.$name.partial" "$dest/releases/$name"
  new="$dest/releases/$name"
  if [ -n "$previous" ] && [ -d "$dest/releases/$previous/site" ]; then
    # A page read just before the swap still asks for its own stylesheet, script and fonts, whose names carry
    # their content hash: the new release keeps the previous release's own files of that kind (not those it
    # carried over itself, so they last one release).
    old="$dest/releases/$previous"
    (cd "$old/site" && find . -type f | grep -E "$fingerprinted" || true) | while IFS= read -r file; do
      [ -e "$new/site/$file" ] && continue
      grep -qxF "$file" "$old/carried-over" 2>/dev/null && continue
      mkdir -p "$(dirname "$new/site/$file")"
      ln "$old/site/$file" "$new/site/$file" 2>/dev/null || cp -p "$old/site/$file" "$new/site/$file"
      echo "$file" >>"$new/carried-over"
    done
  fi
  echo "$previous" >"$new/previous"
  swap_to "$name"
  echo "live: $name"
  [ -z "$previous" ] || config_note "$previous" "$name"
  # Prune: the newest $keep releases stay, and the one a rollback returns to; unfinished uploads of earlier
  # runs go.
  releases | head -n "-$keep" | while IFS= read -r release; do
    [ "$release" = "$name" ] || [ "$release" = "$previous" ] || rm -rf "${dest:?}/releases/$release"
  done
  find "$dest/releases" -mindepth 1 -maxdepth 1 -name '.*.partial' ! -name ".$name.partial" -exec rm -rf {} +
  ;;
rollback)
  current=$(live_name)
  [ -n "$current" ] || fail "nothing is published at $dest"
  previous=$(cat "$dest/releases/$current/previous" 2>/dev/null || true)
  [ -n "$previous" ] && [ -d "$dest/releases/$previous/site" ] || fail "no release before $current is kept at $dest"
  swap_to "$previous"
  echo "live: $previous (was $current)"
  config_note "$current" "$previous"
  ;;
*)
  fail "unknown action: $action"
  ;;
esac
