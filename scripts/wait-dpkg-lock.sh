#!/usr/bin/env bash
# Wait until no other apt/dpkg run holds the package manager's locks (an unattended upgrade, another
# terminal), at most APT_LOCK_TIMEOUT seconds (default 600); then fail with a message saying what to do.
# DPKG_LOCK_FILES (space-separated) names the lock files, for tests.
set -euo pipefail
timeout=${APT_LOCK_TIMEOUT:-600}
read -r -a locks <<< "${DPKG_LOCK_FILES:-/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock}"
# dpkg and apt take fcntl (POSIX) locks; probe them the same way and let go at once.
held() {
  python3 - "${locks[@]}" <<'PY'
import fcntl, os, sys
for path in sys.argv[1:]:
    if not os.path.exists(path):
        continue
    with open(path, "a") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            print(path)
            sys.exit(0)
sys.exit(1)
PY
}
waited=0
while path=$(held); do
  if [ "$waited" -eq 0 ]; then
    echo "Another package manager run (apt/dpkg) holds $path; waiting for it to finish (at most ${timeout} s)…" >&2
  fi
  if [ "$waited" -ge "$timeout" ]; then
    echo "The package manager is still busy after ${timeout} s ($path is locked). Let the other apt/dpkg run finish" >&2
    echo "(see: ps aux | grep -E 'apt|dpkg'), then run this again; APT_LOCK_TIMEOUT=seconds waits longer." >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done
