#!/usr/bin/env bash
# Install the Debian packages the portal and its tests need, only those that are missing.
# Needs root (apt-get); without root it names what is missing and stops.
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for pkg in postgresql redis-server chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 poppler-utils gettext make; do
  have_pkg "$pkg" || need+=("$pkg")
done
# The accessibility crawl's checkers: axe-core and vnu-jar come from npm (package.json), vnu needs Java.
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
# A machine whose PostgreSQL/Redis are not Debian's packages but already answer is fine too.
if printf '%s\n' "${need[@]:-}" | grep -qx postgresql && command -v pg_ctlcluster >/dev/null; then
  need=("${need[@]/postgresql}")
fi
if printf '%s\n' "${need[@]:-}" | grep -qx redis-server && command -v redis-server >/dev/null; then
  need=("${need[@]/redis-server}")
fi
mapfile -t need < <(printf '%s\n' "${need[@]:-}" | grep -v '^$' || true)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Missing system packages: ${need[*]} (run as root, or install them with apt-get)." >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt run (unattended upgrades, a second terminal) holds the locks: wait for it, not fail.
bash "$(dirname "$0")/wait-dpkg-lock.sh"
lock_wait=(-o "DPkg::Lock::Timeout=${APT_LOCK_TIMEOUT:-600}")
apt-get "${lock_wait[@]}" update -qq
apt-get "${lock_wait[@]}" install -y -qq --no-install-recommends "${need[@]}" >/dev/null
