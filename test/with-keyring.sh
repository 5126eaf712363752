#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar talks
# to a real Secret Service without touching the user's own keyring.
# Usage: sh test/with-keyring.sh COMMAND [ARGS...]
set -eu
if [ "${CAIRN_IN_KEYRING:-}" != "1" ]; then
  export CAIRN_IN_KEYRING=1
  exec dbus-run-session -- sh "$0" "$@"
fi
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/cairn-keyring.XXXXXX")
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# The password on stdin creates and unlocks the "login" collection; without one it would prompt.
eval "$(printf 'cairn-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
