"""The bench stack: its ports (from the one port map, scripts/stacks.json), starting it with
scripts/stack.sh while timing each service from process start to its first ready answer, and RSS."""
import json
import os
import re
import subprocess
import time

from clients import http
from settings import ROOT

RUN_DIR = ROOT / ".run" / "bench"

# Health is on each process's management interface.
_STACKS = json.loads((ROOT / "scripts" / "stacks.json").read_text())
_BENCH = _STACKS["stacks"]["bench"]
SERVICES = {service: _BENCH["base"] + i for i, service in enumerate(_STACKS["services"])}
GATEWAY, USERS, POSTS = SERVICES["gateway"], SERVICES["users-service"], SERVICES["posts-service"]
MANAGEMENT = {service: port + _STACKS["managementOffset"] for service, port in SERVICES.items()}
DATABASE_PREFIX = _BENCH["databasePrefix"]
VIA = {GATEWAY: "gateway", USERS: "users", POSTS: "posts"}
# The credential users-service's /internal endpoints require (scripts/stack.sh creates it on first start).
INTERNAL_TOKEN_FILE = ROOT / ".dev-keys" / "internal-token"

SERVICE_PIDS = {}  # service -> pid, filled by start()


def _proc_age_seconds(pid):
    """Seconds since the process started, from /proc (start time in clock ticks since boot)."""
    with open(f"/proc/{pid}/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def start():
    """stack.sh up, while polling /q/health/ready of each service (management port) every 50 ms."""
    stack = subprocess.Popen([str(ROOT / "scripts" / "stack.sh"), "up"], env={**os.environ, "STACK": "bench"})
    ready = {}
    deadline = time.monotonic() + 300
    while len(ready) < len(SERVICES) and time.monotonic() < deadline:
        for service, port in MANAGEMENT.items():
            pid_file = RUN_DIR / f"{service}.pid"
            if service in ready or not pid_file.exists():
                continue
            try:
                status, _ = http("GET", port, "/q/health/ready", timeout=1)
            except OSError:
                continue
            if status == 200:
                pid = int(pid_file.read_text())
                ready[service] = {"pid": pid, "start_to_ready_ms": round(_proc_age_seconds(pid) * 1000)}
        if stack.poll() not in (None, 0):
            raise RuntimeError("scripts/stack.sh up failed")
        time.sleep(0.05)
    if stack.wait(timeout=300) != 0 or len(ready) < len(SERVICES):
        raise RuntimeError("the bench stack did not become ready")
    for service, info in ready.items():
        # Quarkus' own figure ("started in 2.345s"), from the log (JSON lines in prod).
        match = re.search(r"started in ([0-9.]+)s", (RUN_DIR / f"{service}.log").read_text(errors="replace"))
        info["quarkus_started_in_ms"] = round(float(match.group(1)) * 1000) if match else None
    SERVICE_PIDS.update({service: info["pid"] for service, info in ready.items()})
    return ready


def rss_kib(pid):
    out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return int(out) if out else None
