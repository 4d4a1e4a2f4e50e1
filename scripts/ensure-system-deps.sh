#!/usr/bin/env bash
# Installs the system programs the test suite drives for real (OpenSSH server and client for the
# process lane's ssh surface and the terminal's ssh_terminal; Debian's chromium for the terminal's
# browser page; nats-server for the node fleet) when they are missing. Runs before `npm test` and in `.ci/run`.
# Needs root and apt-get to install; otherwise it says what is missing and leaves it to you.
set -u
missing=()
command -v ssh >/dev/null 2>&1 || missing+=(openssh-client)
[ -x /usr/sbin/sshd ] || command -v sshd >/dev/null 2>&1 || missing+=(openssh-server)
command -v ssh-keygen >/dev/null 2>&1 || missing+=(openssh-client)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || missing+=(nats-server)
if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-system-deps: missing ${pkgs}; install them (e.g. apt-get install ${pkgs}) to run the ssh, browser and fleet tests" >&2
    exit 1
  fi
  echo "ensure-system-deps: installing ${pkgs}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends ${pkgs} >/dev/null || exit $?
fi
# sshd refuses to start without its privilege separation directory, which the package's service
# unit normally creates; the tests start sshd by hand.
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
  mkdir -p /run/sshd && chmod 0755 /run/sshd
fi
exit 0
