"""Start-up, memory and warm-up with and without the AOT cache (issue 14), after the throughput part, on the
seeded databases (kept: services are started with `stack.sh start`, never `up`, which would recreate them).

For each cache mode, "on" (CONDUIT_AOT_CACHE=1) then "off" (CONDUIT_AOT_CACHE=0), the mode each service really
ran in read back from .run/bench/<service>.aot:
1. each service started alone (the stack stopped first; databases migrated), START_REPEATS rounds over the three
   services: start->ready of each start, the process killed after it;
2. the three started at once (as `stack.sh up` does, keeping the data): start->ready; RSS idle right then;
3. warm-up (bench/warmup.py): GET /api/user in the first seconds, the read load, GET /api/user again; RSS;
4. the login burst (BENCH_LOGIN_CONNECTIONS, BENCH_DURATION s, through the gateway); RSS; OutOfMemoryError check.
When no service starts with its cache in mode "on" (JDK < 25, jars built without their ITs, another JDK), that
mode is left out after step 1's first round and the report says why, once.
"""
import statistics
import time

import stack
from clients import log
from settings import DURATION, LOGIN_CONNECTIONS, START_REPEATS
from warmup import cpu_total, warm_curve
from workload import failures, login_env, wrk

MODES = (("on", True), ("off", False))


def alone(mode, aot):
    """{service: start->ready of each start alone, median, min, max, Quarkus' figure, the cache mode used}."""
    stack.stop()
    runs = {service: [] for service in stack.START_ORDER}
    for n in range(START_REPEATS):
        for service in stack.START_ORDER:
            if n and aot and runs[service][0]["aot"] != "on":
                continue  # started without its cache although asked to: once is enough
            info = stack.start([service], fresh=False, aot=aot)[service]
            stack.kill(service)
            runs[service].append(info)
        log(f"  [cache {mode}] alone, round {n + 1}/{START_REPEATS}: "
            + ", ".join(f"{s} {r[-1]['start_to_ready_ms']} ms" for s, r in runs.items()))
    result = {}
    for service, infos in runs.items():
        ms = [i["start_to_ready_ms"] for i in infos]
        result[service] = {"runs_ms": ms, "median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms),
                           "quarkus_started_in_ms": [i["quarkus_started_in_ms"] for i in infos],
                           "aot": infos[0]["aot"]}
    return result


def login_burst(mode):
    row = wrk(f"[cache {mode}] POST /api/users/login ({LOGIN_CONNECTIONS} connections)", stack.GATEWAY, "login.lua",
              login_env(), connections=LOGIN_CONNECTIONS, duration=DURATION, profile=False)
    row["cpu_ms_per_request_total"] = cpu_total(row)
    log(f"  login burst: {row['rps']:.1f} req/s, p99 {row['p99_ms']:.0f} ms")
    return row


def one_mode(mode, aot, reads):
    started = time.monotonic()
    log(f"Start-up, memory and warm-up, AOT cache {mode}: each service alone, {START_REPEATS} times")
    result = {"alone": alone(mode, aot)}
    if aot and not any(a["aot"] == "on" for a in result["alone"].values()):
        result["skipped"] = result["alone"]["users-service"]["aot"]
        log(f"  no service started with its AOT cache ({result['skipped']}): only the 'off' column")
        return result
    log(f"  [cache {mode}] the three at once (databases kept), then warm-up")
    together = stack.start(fresh=False, aot=aot)
    rss = {"idle": stack.rss_all()}
    result["warmup"] = warm_curve(reads, mode)
    rss["after_reads"] = stack.rss_all()
    result["login"] = login_burst(mode)
    rss["after_login"] = stack.rss_all()
    for service in stack.out_of_memory():
        failures.append(f"[cache {mode}] {service}: OutOfMemoryError or gone after the login burst"
                        f" (.run/bench/{service}.log)")
    result["together"] = together
    result["rss_kib"] = rss
    result["seconds"] = round(time.monotonic() - started, 1)
    return result


def measure(reads):
    """{"on": {...}, "off": {...}} (see the module's doc); the stack is left running in mode off."""
    return {mode: one_mode(mode, aot, reads) for mode, aot in MODES}
