#!/usr/bin/env python3
"""The measurement half of `make bench` (bench/run.sh installs wrk, builds, and stops the stack).

Starts STACK=bench (fresh databases) timing each service from process start to its first ready
answer, seeds the data set, runs wrk on every endpoint (reads through the gateway and directly on
their service), measures login separately, tops the articles up to 50k and re-measures the lists,
saves EXPLAIN output; with BENCH_PEER_URL, the anonymous reads on that other Conduit and on ours; then
start-up, memory and warm-up with the AOT cache on and off; then prints the tables and writes them as
JSON under bench/results/. Exits 1 when any run saw a non-2xx answer or a socket error.
Settings: see bench/README.md. One module per job: settings, clients (HTTP, psql), stack, seeding,
workload (wrk), sampling (CPU, SQL), scale, peer, footprint and warmup, reporting, profiling (BENCH_PROFILE=1).
"""
import os
import subprocess
import sys
import time

import footprint
import peer
import profiling
import reporting
import stack
from clients import log, psql
from scale import explain, scale_check
from seeding import counts, samples, seed
from settings import (ARTICLES, CONNECTIONS, DURATION, PEER_URL, RESULTS, ROOT, SCALE_ARTICLES, STAMP,
                      START_REPEATS, THREADS, USER_COUNT, WARM_SECONDS, WARMUP)
from workload import failures, profiles, read_endpoints, run_benchmarks, run_login


def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    phases, t0 = {}, time.monotonic()
    if os.environ.get("BENCH_BUILD_SECONDS"):
        phases["build"] = float(os.environ["BENCH_BUILD_SECONDS"])
    report = {"timestamp": STAMP, "settings": {
        "threads": THREADS, "connections": CONNECTIONS, "duration_s": DURATION, "warmup_s": WARMUP,
        "java_opts": os.environ.get("JAVA_OPTS", "deploy/jvm/jvm.options (stack.sh default)"),
        "aot_cache": os.environ.get("CONDUIT_AOT_CACHE", "1"),
        "start_repeats": START_REPEATS, "warm_seconds": WARM_SECONDS, "peer_url": PEER_URL or None,
        "cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}}

    def phase(name, started):
        phases[name] = round(time.monotonic() - started, 1)

    started = time.monotonic()
    log(f"Starting STACK=bench (ports {stack.GATEWAY}-{stack.POSTS}, fresh databases {stack.DATABASE_PREFIX}users, "
        f"{stack.DATABASE_PREFIX}posts)")
    report["services"] = stack.start()
    rss_idle = stack.rss_all()
    pg_started = psql("bench_posts", sql="SELECT pg_postmaster_start_time()")
    phase("startup", started)

    started = time.monotonic()
    data = seed()
    seeded = counts()
    slugs, users, tags = samples()
    report["data"] = {"users": USER_COUNT, "register_ms": data["register_ms"], **seeded,
                      "articles_before_writes": seeded["articles"], "tags_measured": tags}
    explain(data, tags, RESULTS / f"{STAMP}-explain-{ARTICLES // 1000}k.txt")
    phase("seed", started)

    started = time.monotonic()
    report["runs"], warmup_pass_rps, rss_after_reads = run_benchmarks(data, slugs, users, tags)
    phase("benchmark", started)

    if SCALE_ARTICLES:
        started = time.monotonic()
        report["scale"] = scale_check(data, tags)
        explain_path = RESULTS / f"{STAMP}-explain-{SCALE_ARTICLES // 1000}k.txt"
        explain(data, tags, explain_path)
        report["explain_file"] = str(explain_path.relative_to(ROOT))
        phase("scale", started)

    # Last: a burst of logins is what most endangers a service's heap (12 MiB per Argon2id hash).
    started = time.monotonic()
    report["login"] = run_login()
    phase("login", started)

    rss_after = stack.rss_all()
    for service in stack.out_of_memory():
        failures.append(f"{service}: OutOfMemoryError or gone after the login burst (.run/bench/{service}.log)")
    # This stack's RSS: right after ready (before seeding), after the measured reads, after the login burst.
    report["rss_kib"] = {"idle": rss_idle, "after_reads": rss_after_reads, "after_login": rss_after}
    for service, info in report["services"].items():
        info["rss_kib_after"] = rss_after[service]

    if PEER_URL:
        started = time.monotonic()
        report["peer"] = peer.compare(PEER_URL)
        phase("peer", started)

    started = time.monotonic()
    # Start-up, memory and warm-up, AOT cache on and off: restarts the services on the kept databases.
    report["footprint"] = footprint.measure(read_endpoints(data["tokens"], slugs, users, tags))
    phase("footprint", started)
    phases.update({f"footprint_{m}": r["seconds"] for m, r in report["footprint"].items() if "seconds" in r})
    try:
        pg_restarted = psql("bench_posts", sql="SELECT pg_postmaster_start_time()") != pg_started
    except RuntimeError:
        pg_restarted = True
    if pg_restarted:
        failures.append("PostgreSQL was stopped or restarted during the run by something else (the cluster is"
                        " shared: e.g. make chaos stops it; see /var/log/postgresql/): the numbers are not valid")
    phases["measured_total"] = round(time.monotonic() - t0, 1)
    report["phase_seconds"] = phases
    report["failures"] = failures
    report["warmup_pass_rps"] = warmup_pass_rps
    report["profiles"] = profiles
    report["settings"]["profiled"] = profiling.ENABLED

    reporting.publish(report)
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.SubprocessError, OSError) as e:
        print(f"\033[1;31mBENCHMARK FAILED: {e}\033[0m", file=sys.stderr)
        sys.exit(1)
