"""scripts/system-deps.sh waits for the package manager's lock (audit finding: it failed on a
concurrent apt run). The wait is its own script, pointed at a lock file the test holds."""

import fcntl
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def wait_for_lock(lock_path, timeout):
    env = {"PATH": "/usr/bin:/bin", "DPKG_LOCK_FILES": str(lock_path), "APT_LOCK_TIMEOUT": str(timeout)}
    return subprocess.run(["bash", str(ROOT / "scripts/wait-dpkg-lock.sh")], env=env, capture_output=True, text=True, timeout=60)


def test_free_lock_passes_at_once(tmp_path):
    lock = tmp_path / "lock-frontend"
    lock.touch()
    started = time.monotonic()
    result = wait_for_lock(lock, 5)
    assert result.returncode == 0 and result.stderr == ""
    assert time.monotonic() - started < 3


def test_held_lock_times_out_with_a_clear_message(tmp_path):
    lock = tmp_path / "lock-frontend"
    with open(lock, "w") as handle:
        fcntl.lockf(handle, fcntl.LOCK_EX)
        result = wait_for_lock(lock, 2)
    assert result.returncode == 1
    assert "waiting for it to finish (at most 2 s)" in result.stderr
    assert "still busy after 2 s" in result.stderr and "APT_LOCK_TIMEOUT" in result.stderr


def test_waits_until_the_other_run_lets_go(tmp_path):
    lock = tmp_path / "lock-frontend"
    handle = open(lock, "w")
    fcntl.lockf(handle, fcntl.LOCK_EX)
    threading.Timer(2, handle.close).start()
    started = time.monotonic()
    result = wait_for_lock(lock, 30)
    assert result.returncode == 0, result.stderr
    assert "waiting" in result.stderr
    assert 1.5 < time.monotonic() - started < 20


def test_system_deps_waits_before_apt():
    script = (ROOT / "scripts/system-deps.sh").read_text()
    assert script.index("wait-dpkg-lock.sh") < script.index('apt-get "${lock_wait[@]}" update')
    assert "DPkg::Lock::Timeout" in script


def test_run_script_gives_the_reports_worker_exactly_the_settings_queue(settings):
    """make run starts the reports worker on the queue scripts/run.sh reads from the settings; the
    captured output must be the queue name alone (Django's shell once printed its imports into it)."""
    import os
    import re

    line = next(line for line in (ROOT / "scripts/run.sh").read_text().splitlines() if line.startswith("REPORTS_QUEUE="))
    command = re.fullmatch(r"REPORTS_QUEUE=\$\((.*)\)", line).group(1).replace("$PY", str(ROOT / ".venv/bin/python"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dosonthidua.settings", "DEBUG": "true"}
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == settings.CELERY_REPORTS_QUEUE
