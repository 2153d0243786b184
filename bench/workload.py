"""The load, driven by wrk: one run (its figures, CPU per request, raw output appended to the wrk log,
a JFR recording with BENCH_PROFILE=1), the JIT warm-up passes, the read and write endpoints, login."""
import json
import os
import subprocess
import time

import profiling
from clients import http, log
from sampling import cpu_ms_per_request, cpu_snapshot
from settings import (BENCH, CONNECTIONS, DURATION, LOGIN_CONNECTIONS, PASSWORD, REGISTERED, RESULTS, STAMP,
                      THREADS, WARMUP, WARMUP_PASS, WARMUP_PASSES, WRK_LOG)
from stack import GATEWAY, INTERNAL_TOKEN_FILE, POSTS, SERVICE_PIDS, USERS, VIA, rss_all

failures = []  # one line per run or step that failed
profiles = {}  # BENCH_PROFILE=1: endpoint -> service -> top methods (bench/profiling.py)


def wrk(name, port, script, env, duration=DURATION, threads=THREADS, connections=CONNECTIONS, record=True,
        profile=None, url=None, via=None):
    """One wrk run on 127.0.0.1:<port> (or on url, e.g. BENCH_PEER_URL's host, with via naming it). record: a
    measured run (a non-2xx or socket error fails the bench); profile (default: record): a JFR recording with
    BENCH_PROFILE=1 when it goes through the gateway."""
    via = via or VIA[port]
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
           "-s", str(BENCH / script), url or f"http://127.0.0.1:{port}"]
    full_env = {**os.environ, "BENCH_DIR": str(BENCH), "BENCH_RUN_ID": f"{STAMP}-{time.monotonic_ns()}", **env}
    recording = None
    if profiling.ENABLED and (record if profile is None else profile) and port == GATEWAY:
        recording = profiling.Recording(RESULTS / f"{STAMP}-profiles", name, SERVICE_PIDS).__enter__()
    cpu_before = cpu_snapshot()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, env=full_env)
    cpu_after = cpu_snapshot()
    if recording:
        recording.__exit__(None, None, None)
        profiles[name] = recording.hot_methods()
    with open(WRK_LOG, "a") as f:
        f.write(f"### {name} via {via} ({'measured' if record else 'warm-up'}): {' '.join(cmd)}\n"
                f"{out.stdout}{out.stderr}\n")
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary for {name}: {out.stdout}{out.stderr}")
    s = json.loads(line[len("BENCH_JSON "):])
    lat = s["latency_us"]
    result = {
        "endpoint": name, "via": via, "port": port, "threads": threads, "connections": connections,
        "duration_s": duration, "requests": s["requests"],
        "rps": round(s["requests"] / (s["duration_us"] / 1e6), 1),
        "p50_ms": lat["p50"] / 1000, "p90_ms": lat["p90"] / 1000, "p99_ms": lat["p99"] / 1000,
        "max_ms": lat["max"] / 1000, "non2xx": s["non2xx"], "socket_errors": s["socket_errors"],
        "cpu_ms_per_request": cpu_ms_per_request(cpu_before, cpu_after, s["requests"]),
    }
    bad = s["non2xx"] + sum(s["socket_errors"].values())
    if record and (bad or not s["requests"]):
        failures.append(f"{name} via {via}: {s['requests']} responses, {s['non2xx']} non-2xx,"
                        f" socket errors {s['socket_errors']}, first failure: {s['first_failure'] or '-'}")
    return result


def preflight(name, port, method, path, token=None, body=None):
    status, text = http(method, port, path, body=body, token=token)
    if not 200 <= status < 300:
        log(f"\033[31m{name} via {VIA[port]}: {method} {path} answered {status} {text[:300]}")


def measure(name, ports, script, env, check):
    """Warm up through the first port, then one measured run per port."""
    for port in ports:
        preflight(name, port, *check)
    wrk(name, ports[0], script, env, duration=WARMUP, record=False)
    rows = []
    for port in ports:
        row = wrk(name, port, script, env)
        log(f"  {name:<36} {row['via']:<8} {row['rps']:>8.1f} req/s  p50 {row['p50_ms']:7.2f} ms"
            f"  p99 {row['p99_ms']:7.2f} ms  non-2xx {row['non2xx']}")
        rows.append(row)
    return rows


def read_endpoints(tokens, slugs, users, tags):
    reader = tokens["reader"]
    every = " ".join(tokens.values())
    return [
        ("GET /api/articles", POSTS, {"BENCH_PATHS": "/api/articles"}, ("GET", "/api/articles")),
        ("GET /api/articles?tag=…", POSTS, {"BENCH_PATHS": " ".join(f"/api/articles?tag={t}" for t in tags)},
         ("GET", f"/api/articles?tag={tags[0]}")),
        ("GET /api/articles/feed", POSTS, {"BENCH_PATHS": "/api/articles/feed", "BENCH_TOKENS": reader},
         ("GET", "/api/articles/feed", reader)),
        ("GET /api/articles/{slug}", POSTS, {"BENCH_PATHS": " ".join(f"/api/articles/{s}" for s in slugs)},
         ("GET", f"/api/articles/{slugs[0]}")),
        ("GET /api/articles/{slug}/comments", POSTS,
         {"BENCH_PATHS": " ".join(f"/api/articles/{s}/comments" for s in slugs)},
         ("GET", f"/api/articles/{slugs[0]}/comments")),
        ("GET /api/user", USERS, {"BENCH_PATHS": "/api/user", "BENCH_TOKENS": every}, ("GET", "/api/user", reader)),
        ("GET /api/tags", POSTS, {"BENCH_PATHS": "/api/tags"}, ("GET", "/api/tags")),
        ("GET /api/profiles/{name}", USERS,
         {"BENCH_PATHS": " ".join(f"/api/profiles/{u}" for u in users), "BENCH_TOKENS": reader},
         ("GET", f"/api/profiles/{users[0]}", reader)),
    ]


def warm_up(reads, url=None, via=None):
    """Total req/s of each pass. A fresh JVM needs tens of seconds of traffic before its JIT has compiled
    the shared paths (Vert.x, Jackson, JDBC): without this the first endpoints measured look several
    times slower. Passes over every read endpoint until the total throughput of a pass stops growing by
    more than 10%."""
    passes = []
    previous = 0
    for n in range(1, WARMUP_PASSES + 1):
        total = sum(wrk(name, GATEWAY, "get.lua", env, duration=WARMUP_PASS, record=False, url=url, via=via)["rps"]
                    for name, service, env, check in reads)
        log(f"JIT warm-up pass {n}: {WARMUP_PASS} s per read endpoint through {via or 'the gateway'},"
            f" {total:.0f} req/s in all")
        passes.append(round(total, 1))
        if previous and total < previous * 1.1:
            break
        previous = total
    return passes


def run_benchmarks(data, slugs, users, tags):
    """The measured reads and writes, the req/s of each JIT warm-up pass before them, and each service's RSS
    right after the measured reads."""
    tokens = data["tokens"]
    rows = []
    reads = read_endpoints(tokens, slugs, users, tags)
    warmup_pass_rps = warm_up(reads)
    log(f"Reads: {WARMUP} s warm-up, then {DURATION} s via the gateway and {DURATION} s directly on the service")
    for name, service, env, check in reads:
        rows += measure(name, [GATEWAY, service], "get.lua", env, check)
    rss_after_reads = rss_all()
    log("Writes (through the gateway)")
    authors = " ".join(tokens[n] for n in REGISTERED[1:])
    article = {"article": {"title": "Bench preflight", "description": "d", "body": "b", "tagList": ["bench"]}}
    rows += measure("POST /api/articles", [GATEWAY], "create_article.lua", {"BENCH_TOKENS": authors},
                    ("POST", "/api/articles", tokens["author1"], article))
    rows += measure("POST /api/articles/{slug}/favorite", [GATEWAY], "favorite.lua",
                    {"BENCH_PATHS": " ".join(f"/api/articles/{s}/favorite" for s in slugs),
                     "BENCH_TOKENS": " ".join(tokens.values())},
                    ("POST", f"/api/articles/{slugs[0]}/favorite", tokens["reader"], {}))
    return rows, warmup_pass_rps, rss_after_reads


def login_env():
    """login.lua's input: the registered users' e-mail addresses and password."""
    return {"BENCH_LOGINS": " ".join(f"{n}@bench.example {PASSWORD}" for n in REGISTERED)}


def run_login():
    """Argon2id on purpose: one connection gives the cost of one login; then a burst at the usual
    concurrency (BENCH_LOGIN_CONNECTIONS overrides it) gives the throughput."""
    log("Login (Argon2id m=12 MiB, t=3, p=1 per request)")
    env = login_env()
    direct = {**env, "BENCH_PATHS": "/internal/users/login",
              "BENCH_INTERNAL_TOKEN": INTERNAL_TOKEN_FILE.read_text().strip()}
    wrk("POST /api/users/login", GATEWAY, "login.lua", env, duration=WARMUP, threads=1, connections=1, record=False)
    rows = [
        wrk("POST /api/users/login (1 connection)", GATEWAY, "login.lua", env, duration=5, threads=1, connections=1),
        wrk("POST /internal/users/login (1 connection)", USERS, "login.lua", direct, duration=5, threads=1, connections=1),
        wrk(f"POST /api/users/login ({LOGIN_CONNECTIONS} connections)", GATEWAY, "login.lua", env,
            connections=LOGIN_CONNECTIONS),
    ]
    for row in rows:
        log(f"  {row['endpoint']:<42} {row['rps']:>7.1f} req/s  p50 {row['p50_ms']:7.2f} ms  p99 {row['p99_ms']:7.2f} ms"
            f"  non-2xx {row['non2xx']}")
    return rows
