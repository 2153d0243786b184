"""The bench stack: its ports (from the one port map, scripts/stacks.json), starting it with
scripts/stack.sh (all at once with new databases, or some services on the kept ones, with the AOT cache
on or off) while timing each service from process start to its first ready answer, stopping it, RSS."""
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


# The order scripts/stack.sh starts them in.
START_ORDER = ["users-service", "posts-service", "gateway"]
POLL_SECONDS = 0.025  # how often /q/health/ready is asked while a service starts


def _pid(service):
    try:
        text = (RUN_DIR / f"{service}.pid").read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def aot_mode(service):
    """What scripts/stack.sh chose for the service's last start: "on", or "off: <why>"."""
    try:
        return (RUN_DIR / f"{service}.aot").read_text().strip()
    except OSError:
        return None


def _stack_sh(*args, aot=None, quiet=False):
    """scripts/stack.sh <args> for STACK=bench; quiet: its progress lines kept for an error message only."""
    env = {**os.environ, "STACK": "bench"}
    if aot is not None:
        env["CONDUIT_AOT_CACHE"] = "1" if aot else "0"
    out = subprocess.PIPE if quiet else None
    return subprocess.Popen([str(ROOT / "scripts" / "stack.sh"), *args], env=env, stdout=out, stderr=out, text=True)


def _failed(said):
    return RuntimeError(f"scripts/stack.sh failed to start the bench stack{': ' + said[-2000:] if said else ''}")


def start(services=START_ORDER, fresh=True, aot=None):
    """Starts the services and times each from its process start (/proc/<pid>/stat) to its first 200 from
    /q/health/ready on its management port, asked every 25 ms. fresh: `stack.sh up` (all three, new databases);
    otherwise `stack.sh start <service>` for each in turn (the databases are kept), each launched as soon as the
    previous one's JVM exists, as `up` does. aot: None = CONDUIT_AOT_CACHE from the environment, else True/False."""
    procs, launched = ([_stack_sh("up", aot=aot)], list(services)) if fresh else ([], [])
    waiting = [] if fresh else list(services)
    ready = {}
    deadline = time.monotonic() + 300
    while len(ready) < len(services):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the bench stack did not become ready: {sorted(set(services) - set(ready))}")
        if waiting and (not launched or _pid(launched[-1])):
            launched.append(waiting.pop(0))
            procs.append(_stack_sh("start", launched[-1], aot=aot, quiet=True))
        failed = next((proc for proc in procs if proc.poll() not in (None, 0)), None)
        if failed:
            raise _failed("".join(failed.communicate()) if failed.stdout else "")
        for service in launched:
            pid = None if service in ready else _pid(service)
            if pid is None:
                continue
            try:
                status, _ = http("GET", MANAGEMENT[service], "/q/health/ready", timeout=1)
            except OSError:
                continue
            if status == 200:
                ready[service] = {"pid": pid, "start_to_ready_ms": round(_proc_age_seconds(pid) * 1000)}
        time.sleep(POLL_SECONDS)
    said = ""
    for proc in procs:  # `stack.sh start` still waits for its service's health itself, every 0.5 s
        out = proc.communicate(timeout=300)
        said += "".join(o or "" for o in out)
    if any(proc.returncode != 0 for proc in procs):
        raise _failed(said)
    for service, info in ready.items():
        # Quarkus' own figure ("started in 2.345s"), from the log (JSON lines in prod).
        match = re.search(r"started in ([0-9.]+)s", (RUN_DIR / f"{service}.log").read_text(errors="replace"))
        info["quarkus_started_in_ms"] = round(float(match.group(1)) * 1000) if match else None
        info["aot"] = aot_mode(service)
    SERVICE_PIDS.update({service: info["pid"] for service, info in ready.items()})
    return {service: ready[service] for service in services}


def stop():
    """stack.sh down: every service of the bench stack, gracefully."""
    subprocess.run([str(ROOT / "scripts" / "stack.sh"), "down"], env={**os.environ, "STACK": "bench"},
                   check=True, capture_output=True)
    SERVICE_PIDS.clear()


def kill(service):
    """Ends one service at once (SIGKILL: nothing of it needs a graceful end) and waits until it has exited."""
    if _pid(service) is not None:
        subprocess.run([str(ROOT / "scripts" / "stack.sh"), "kill", service, "KILL"],
                       env={**os.environ, "STACK": "bench"}, check=True, capture_output=True)
    SERVICE_PIDS.pop(service, None)


def rss_all():
    """{service: RSS KiB} of the running services, and "the three": their sum."""
    rss = {service: rss_kib(pid) for service, pid in SERVICE_PIDS.items()}
    rss["the three"] = sum(v or 0 for v in rss.values())
    return rss


def out_of_memory():
    """The services whose log (of their current run) reports an OutOfMemoryError, or whose process is gone."""
    bad = []
    for service, pid in SERVICE_PIDS.items():
        log_text = (RUN_DIR / f"{service}.log").read_text(errors="replace")
        if "OutOfMemoryError" in log_text or not os.path.exists(f"/proc/{pid}"):
            bad.append(service)
    return bad


def rss_kib(pid):
    out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return int(out) if out else None
