"""Warm-up as part of start-up (issue 14): how fast a freshly started stack serves GET /api/user through the
gateway in its first WARM_WINDOW seconds, against the same after WARM_SECONDS of read load.

The load in between goes over every read endpoint of the throughput table in turn (WARM_CHUNK seconds each,
through the gateway), not GET /api/user alone: "warm" is meant as after real use, whose mixed traffic gives the
JIT the profiles (and polymorphic call sites) that the shared paths (Vert.x, Jackson, the gateway's proxy, token
verification) really see, and it warms posts-service too, so the RSS taken after it is that of a used stack.
GET /api/user alone would give a higher, single-path "warm" figure that no real stack reaches.
"""
from clients import log
from settings import WARM_CHUNK, WARM_SECONDS, WARM_WINDOW
from stack import GATEWAY
from workload import wrk


def cpu_total(row):
    """CPU ms per request of the three services and PostgreSQL together (None if a figure is missing)."""
    parts = [row["cpu_ms_per_request"].get(k) for k in ("gateway", "users-service", "posts-service", "postgres")]
    return None if None in parts else round(sum(parts), 2)


def _user_run(label, env):
    row = wrk(label, GATEWAY, "get.lua", env, duration=WARM_WINDOW, profile=False)
    row["cpu_ms_per_request_total"] = cpu_total(row)
    cpu = row["cpu_ms_per_request_total"]
    log(f"  {label:<52} {row['rps']:>8.1f} req/s  CPU {cpu if cpu is not None else 'n/a'} ms/request")
    return row


def warm_curve(reads, mode):
    """reads: workload.read_endpoints(...). Starts at once (the stack has just become ready)."""
    user_env = next(env for name, _, env, _ in reads if name == "GET /api/user")
    first = _user_run(f"[cache {mode}] GET /api/user, first {WARM_WINDOW} s", user_env)
    log(f"  then {WARM_SECONDS} s of read load, {WARM_CHUNK} s per read endpoint in turn, through the gateway")
    load, spent = [], 0
    while spent < WARM_SECONDS:
        name, _, env, _ = reads[len(load) % len(reads)]
        duration = min(WARM_CHUNK, WARM_SECONDS - spent)
        row = wrk(f"[cache {mode}] {name} (warm-up load)", GATEWAY, "get.lua", env, duration=duration, profile=False)
        load.append({k: row[k] for k in ("endpoint", "duration_s", "requests", "rps", "p50_ms", "cpu_ms_per_request")})
        spent += duration
    warm = _user_run(f"[cache {mode}] GET /api/user, after {spent} s of reads", user_env)
    ratio = round(first["rps"] / warm["rps"], 3) if warm["rps"] else None
    log(f"  first {WARM_WINDOW} s / warm: {ratio:.0%} (goal: at least 70%)" if ratio is not None
        else "  no warm figure")
    return {"window_s": WARM_WINDOW, "load_seconds": spent, "load_chunk_s": WARM_CHUNK, "load": load,
            "first": first, "warm": warm, "first_over_warm": ratio}
