#!/usr/bin/env bash
# setup-containers.sh -- make Testcontainers (Java) work without a Docker engine by serving the
# Docker API from rootful podman (Debian 12, run as root, non-interactive, idempotent).
#
#   eval "$(.ci/containers.sh)"     # progress on stderr, exports on stdout
#
# What it does (each step is skipped when already done):
#   1. apt-get install podman runc debootstrap curl (only the missing ones)
#   2. /etc/containers/containers.conf.d/50-podman-tc.conf: runtime runc (crun fails on this
#      hybrid cgroup v1 host), cgroup_manager cgroupfs, events_logger file, and default_ulimits
#      that fit under the hard limits of a podman process (no CAP_SYS_RESOURCE here, so podman's
#      built-in nofile=1048576 default fails with "setrlimit ... Operation not permitted")
#   3. base image localhost/debian-min:bookworm (debootstrap minbase + podman import; the .debs
#      and the rootfs tarball are cached under $CACHE_DIR)
#   4. podman system service --time=0 unix:///run/podman/podman.sock in the background
#      (restarted only if it is ours and the configuration changed)
#   5. tags the base image as docker.io/library/debian:bookworm-slim and :bookworm, so that a
#      Dockerfile FROM debian:bookworm-slim builds without a registry (podman build, or the
#      Docker API's build as Testcontainers' ImageFromDockerfile uses it, with pull disabled)
#   6. prints the environment Testcontainers needs
#
# Options: --rebuild (rebuild the base image)  --write-properties (docker.host in ~/.testcontainers.properties)
#          --stop (stop the podman service this script started)  --env (only print the exports)
# Env overrides: PODMAN_SOCKET BASE_IMAGE BASE_ALIASES
#                DEBIAN_SUITE DEBIAN_MIRROR CACHE_DIR
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOCK=${PODMAN_SOCKET:-/run/podman/podman.sock}
BASE_IMAGE=${BASE_IMAGE:-localhost/debian-min:bookworm}
BASE_ALIASES=${BASE_ALIASES:-docker.io/library/debian:bookworm-slim docker.io/library/debian:bookworm}
SUITE=${DEBIAN_SUITE:-bookworm}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE_DIR=${CACHE_DIR:-/var/cache/podman-tc}
CONF_FILE=/etc/containers/containers.conf.d/50-podman-tc.conf
STATE_DIR=/run/podman-tc
PIDFILE=$STATE_DIR/podman-service.pid
LOG_DIR=/var/log/podman-tc
SERVICE_LOG=$LOG_DIR/podman-service.log
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

REBUILD=0 WRITE_PROPS=0 ONLY_ENV=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    --write-properties) WRITE_PROPS=1 ;;
    --env) ONLY_ENV=1 ;;
    --stop) ONLY_ENV=2 ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[setup-containers %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
trap 'die "failed at line $LINENO: $BASH_COMMAND"' ERR

print_env() {   # HOST_OVERRIDE: /.dockerenv exists on this VM, so Testcontainers would believe it
                # runs inside a container and report the podman bridge gateway as the host
  cat <<EOF
export DOCKER_HOST=unix://$SOCK
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
export TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=$SOCK
EOF
}

sock_ok() { curl -fsS --max-time 3 --unix-socket "$SOCK" http://d/_ping >/dev/null 2>&1; }

our_service_pid() {   # prints the PID of the service this script started, if it still runs
  local pid
  [ -s "$PIDFILE" ] || return 1
  pid=$(cat "$PIDFILE")
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "podman system service .*unix://$SOCK" || return 1
  echo "$pid"
}

stop_service() {
  local pid i
  pid=$(our_service_pid) || { log "no podman service started by this script is running"; return 0; }
  log "stopping podman service pid $pid"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  [ ! -d "/proc/$pid" ] || kill -9 "$pid" 2>/dev/null || true
  rm -f "$PIDFILE"
}

[ "$(id -u)" = 0 ] || die "must run as root (rootful podman)"
if [ "$ONLY_ENV" = 1 ]; then print_env; exit 0; fi
if [ "$ONLY_ENV" = 2 ]; then stop_service; exit 0; fi
T0=$(date +%s.%N)

# ---------------------------------------------------------------- 1. packages
missing=()
for p in podman runc debootstrap curl; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  apt_install() { apt-get -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confold install -y -q "$@" >&2; }
  apt_install "${missing[@]}" || { apt-get -o DPkg::Lock::Timeout=300 update -q >&2; apt_install "${missing[@]}"; }
else
  log "packages present: podman runc debootstrap curl"
fi
RUNC=$(command -v runc || echo /usr/sbin/runc)

# ---------------------------------------------------------------- 2. containers.conf
# podman itself lowers its RLIMIT_NPROC to kernel.pid_max (or 1048576) when it can, and raises
# RLIMIT_NOFILE to 1048576 or else to the hard limit; containers can get at most that.
hard_n=$(ulimit -Hn); hard_u=$(ulimit -Hu); pid_max=$(cat /proc/sys/kernel/pid_max)
[ "$hard_n" = unlimited ] && hard_n=1048576
[ "$hard_u" = unlimited ] && hard_u=4194304
nofile=$(( hard_n < 1048576 ? hard_n : 1048576 ))
if [ "$pid_max" -le "$hard_u" ]; then nproc=$pid_max
elif [ 1048576 -le "$hard_u" ]; then nproc=1048576
else nproc=$hard_u; fi

write_conf() {   # $1 nofile  $2 nproc ; returns 0 if the file changed
  local want
  want=$(cat <<EOF
# Managed by $SCRIPT_DIR/setup-containers.sh -- rootful podman as Docker API for Testcontainers.
[containers]
# no CAP_SYS_RESOURCE: container rlimits must not exceed podman's own hard limits
default_ulimits = [
  "nofile=$1:$1",
  "nproc=$2:$2",
]

[engine]
# crun 1.8.1 fails on this hybrid cgroup v1 host; runc works
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[engine.runtimes]
runc = ["$RUNC"]
EOF
)
  mkdir -p "$(dirname "$CONF_FILE")"
  if [ -f "$CONF_FILE" ] && [ "$(cat "$CONF_FILE")" = "$want" ]; then return 1; fi
  printf '%s\n' "$want" >"$CONF_FILE.tmp" && mv "$CONF_FILE.tmp" "$CONF_FILE"
  return 0
}
CONF_CHANGED=0
if write_conf "$nofile" "$nproc"; then CONF_CHANGED=1; log "wrote $CONF_FILE (nofile=$nofile nproc=$nproc)"; fi
rt=$(podman info --format '{{.Host.OCIRuntime.Name}}' 2>/dev/null || true)
if [ "$rt" != runc ]; then   # very old podman without containers.conf.d support
  log "containers.conf.d not honoured (runtime=$rt); writing /etc/containers/containers.conf"
  [ ! -f /etc/containers/containers.conf ] || cp -n /etc/containers/containers.conf /etc/containers/containers.conf.orig
  cp "$CONF_FILE" /etc/containers/containers.conf; CONF_CHANGED=1
fi

# ---------------------------------------------------------------- 3. base image
mkdir -p "$CACHE_DIR/debs"
debootstrap_rootfs() {   # $1 dir  $2 extra --include list (may be empty)
  local inc=()
  [ -z "$2" ] || inc=(--include="$2")
  rm -rf "$1"; mkdir -p "$1"
  log "debootstrap --variant=minbase ${inc[*]} $SUITE $1 $MIRROR"
  debootstrap --variant=minbase --cache-dir="$CACHE_DIR/debs" "${inc[@]}" "$SUITE" "$1" "$MIRROR" \
    >"$LOG_DIR/debootstrap.log" 2>&1 || { tail -20 "$LOG_DIR/debootstrap.log" >&2; return 1; }
  rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/* "$1"/tmp/* 2>/dev/null || true
}
mkdir -p "$LOG_DIR"
BASE_TAR=$CACHE_DIR/debian-min-$SUITE.tar
if [ "$REBUILD" = 1 ] || ! podman image exists "$BASE_IMAGE"; then
  if [ "$REBUILD" = 1 ] || [ ! -s "$BASE_TAR" ]; then
    debootstrap_rootfs "$CACHE_DIR/rootfs" ""
    tar --numeric-owner -C "$CACHE_DIR/rootfs" -cf "$BASE_TAR.tmp" . && mv "$BASE_TAR.tmp" "$BASE_TAR"
    rm -rf "$CACHE_DIR/rootfs"
  fi
  log "podman import $BASE_TAR -> $BASE_IMAGE"
  podman import -q --change 'CMD ["/bin/bash"]' --change "LABEL podman-tc.source=debootstrap-$SUITE" \
    "$BASE_TAR" "$BASE_IMAGE" >/dev/null
else
  log "base image present: $BASE_IMAGE"
fi

# smoke test with plain `podman run` (exactly what the Docker API will do); if the computed
# rlimits are refused, fall back to values known to work on this host
if ! out=$(podman run --rm --pull=never --network none "$BASE_IMAGE" true 2>&1); then
  log "plain podman run failed: $out"
  if write_conf 1024 1000; then CONF_CHANGED=1; fi
  out=$(podman run --rm --pull=never --network none "$BASE_IMAGE" true 2>&1) || die "podman run still fails: $out"
  log "using fallback default_ulimits nofile=1024 nproc=1000"
fi
log "podman run smoke test ok (runtime runc, cgroupfs)"

# ---------------------------------------------------------------- 4. API service
mkdir -p "$STATE_DIR" "$(dirname "$SOCK")"
if [ "$CONF_CHANGED" = 1 ] && pid=$(our_service_pid); then
  log "configuration changed; restarting our podman service (pid $pid)"; stop_service
fi
if sock_ok; then
  if pid=$(our_service_pid); then log "podman service already answering on $SOCK (pid $pid, ours)"
  else
    log "something already answers on $SOCK (not started by this script; left alone)"
    [ "$CONF_CHANGED" = 0 ] || log "WARNING: restart that service to pick up $CONF_FILE"
  fi
else
  if pid=$(our_service_pid); then log "our service pid $pid does not answer; restarting"; stop_service; fi
  [ ! -S "$SOCK" ] || rm -f "$SOCK"     # stale socket, nobody answers on it
  log "starting podman system service --time=0 unix://$SOCK (log $SERVICE_LOG)"
  # no job control in a script: the background child is not a group leader, so setsid does not
  # fork and $! is podman's PID; setsid detaches it from the caller's session/process group
  (cd / && exec setsid podman system service --time=0 "unix://$SOCK" >>"$SERVICE_LOG" 2>&1 </dev/null) &
  echo $! >"$PIDFILE"
  for i in $(seq 100); do sock_ok && break; sleep 0.2; done
  sock_ok || { tail -20 "$SERVICE_LOG" >&2; die "podman service did not come up on $SOCK"; }
  pid=$(our_service_pid) || die "service answers but pid $(cat "$PIDFILE") is not it"
  log "podman service up (pid $pid)"
fi
ver=$(curl -fsS --max-time 5 --unix-socket "$SOCK" http://d/version)
log "Docker API on $SOCK: $(echo "$ver" | grep -o '"ApiVersion":"[^"]*"'), $(echo "$ver" | grep -o '"Version":"[^"]*"' | tail -1)"

# ---------------------------------------------------------------- 5. base image aliases
# No registry is reachable, so a Dockerfile `FROM debian:bookworm-slim` (as a test kit's image would
# use, e.g. through Testcontainers' ImageFromDockerfile) must resolve to the local base image.
for alias in $BASE_ALIASES; do
  if [ "$(podman image inspect --format '{{.Id}}' "$alias" 2>/dev/null || true)" != \
       "$(podman image inspect --format '{{.Id}}' "$BASE_IMAGE")" ]; then
    podman tag "$BASE_IMAGE" "$alias" && log "tagged $BASE_IMAGE as $alias"
  fi
done

# ---------------------------------------------------------------- 6. environment
if [ "$WRITE_PROPS" = 1 ]; then
  # only docker.host: Testcontainers 2.0.5 reads Ryuk's switch from the environment variable
  # TESTCONTAINERS_RYUK_DISABLED only (ryuk.disabled in this file is ignored), and
  # TESTCONTAINERS_HOST_OVERRIDE likewise has no properties-file equivalent
  props=${HOME:-/root}/.testcontainers.properties
  touch "$props"
  if grep -q '^docker.host=' "$props"; then sed -i "s|^docker.host=.*|docker.host=unix://$SOCK|" "$props"
  else echo "docker.host=unix://$SOCK" >>"$props"; fi
  log "updated $props (docker.host); TESTCONTAINERS_RYUK_DISABLED=true must still be in the environment"
fi
log "done in $(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}') s; environment for Testcontainers:"
print_env
