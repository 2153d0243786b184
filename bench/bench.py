#!/usr/bin/env python3
"""The measurement half of `make bench` (bench/run.sh installs wrk, builds, and stops the stack).

Starts STACK=bench (fresh databases) timing each service from process start to its first ready
answer, seeds the data set, runs wrk on every endpoint (reads through the gateway and directly on
their service), measures login separately, tops the articles up to 50k and re-measures the lists,
saves EXPLAIN output, then prints one table and writes it as JSON under bench/results/.
Exits 1 when any run saw a non-2xx answer or a socket error. Settings: see bench/README.md.
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path

import profiling

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
RUN_DIR = ROOT / ".run" / "bench"

# The bench stack's ports, from the one port map (scripts/stacks.json); health is on each process's
# management interface.
_STACKS = json.loads((ROOT / "scripts" / "stacks.json").read_text())
_BENCH = _STACKS["stacks"]["bench"]
SERVICES = {service: _BENCH["base"] + i for i, service in enumerate(_STACKS["services"])}
GATEWAY, USERS, POSTS = SERVICES["gateway"], SERVICES["users-service"], SERVICES["posts-service"]
MANAGEMENT = {service: port + _STACKS["managementOffset"] for service, port in SERVICES.items()}
# The credential users-service's /internal endpoints require (scripts/stack.sh creates it on first start).
INTERNAL_TOKEN_FILE = ROOT / ".dev-keys" / "internal-token"
VIA = {GATEWAY: "gateway", USERS: "users", POSTS: "posts"}


def env_int(name, default):
    return int(os.environ.get(name, default))


DURATION = env_int("BENCH_DURATION", 10)          # seconds per measured run
WARMUP = env_int("BENCH_WARMUP", 3)               # seconds of warm-up per endpoint, not recorded
WARMUP_PASS = env_int("BENCH_WARMUP_PASS", 3)     # seconds per read endpoint in each JIT warm-up pass
WARMUP_PASSES = env_int("BENCH_WARMUP_PASSES", 8)  # at most this many passes (stops once throughput is stable)
THREADS = env_int("BENCH_THREADS", 2)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 16)
ARTICLES = env_int("BENCH_ARTICLES", 5000)
SCALE_ARTICLES = env_int("BENCH_SCALE_ARTICLES", 50000)  # 0 skips the scale check
USER_COUNT = env_int("BENCH_USERS", 250)
PASSWORD = "bench-password-1"
REGISTERED = ["reader", "author1", "author2", "author3", "author4"]  # through the API: real hashes
SEED = "0.42"

STAMP = datetime.now().strftime("%Y%m%d-%H%M%S")
WRK_LOG = RESULTS / f"{STAMP}-wrk.log"
failures = []  # one line per run or step that failed
warmup_passes = []  # total req/s of each JIT warm-up pass


def log(msg):
    print(f"\033[1m==> {msg}\033[0m", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- HTTP and psql

def http(method, port, path, body=None, token=None, timeout=30):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def pg_port():
    out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
    return out.split()[2]


def psql(db, *args, sql=None, timeout=600):
    cmd = ["psql", "-h", "127.0.0.1", "-p", PG_PORT, "-U", "conduit", "-d", db, "-X", "-v", "ON_ERROR_STOP=1", *args]
    if sql is not None:
        cmd += ["-qAt", "-c", sql]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, "PGPASSWORD": os.environ.get("CONDUIT_DB_PASSWORD", "conduit")})
    if res.returncode != 0:
        raise RuntimeError(f"psql on {db} failed: {res.stderr.strip()}")
    return res.stdout.strip()


# ---------------------------------------------------------------- stack start-up

def proc_age_seconds(pid):
    """Seconds since the process started, from /proc (start time in clock ticks since boot)."""
    with open(f"/proc/{pid}/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def start_stack():
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
                ready[service] = {"pid": pid, "start_to_ready_ms": round(proc_age_seconds(pid) * 1000)}
        if stack.poll() not in (None, 0):
            raise RuntimeError("scripts/stack.sh up failed")
        time.sleep(0.05)
    if stack.wait(timeout=300) != 0 or len(ready) < len(SERVICES):
        raise RuntimeError("the bench stack did not become ready")
    for service, info in ready.items():
        # Quarkus' own figure ("started in 2.345s"), from the log (JSON lines in prod).
        match = re.search(r"started in ([0-9.]+)s", (RUN_DIR / f"{service}.log").read_text(errors="replace"))
        info["quarkus_started_in_ms"] = round(float(match.group(1)) * 1000) if match else None
    return ready


# ---------------------------------------------------------------- seeding

def seed():
    tokens, register_ms = {}, []
    for name in REGISTERED:
        started = time.monotonic()
        status, body = http("POST", GATEWAY, "/api/users",
                            {"user": {"username": name, "email": f"{name}@bench.example", "password": PASSWORD}})
        register_ms.append(round((time.monotonic() - started) * 1000, 1))
        if status != 201:
            raise RuntimeError(f"registering {name}: {status} {body}")
        tokens[name] = json.loads(body)["user"]["token"]
    ids = dict(line.split("|") for line in psql("bench_users", sql="SELECT username, id FROM users").splitlines())
    password_hash = psql("bench_users", sql="SELECT password_hash FROM users WHERE username = 'reader'")
    log(f"Seeding {USER_COUNT - len(REGISTERED)} more users and their follows (bench/seed-users.sql)")
    psql("bench_users", "-v", f"n={USER_COUNT - len(REGISTERED)}", "-v", f"hash={password_hash}",
         "-v", f"reader={ids['reader']}", "-v", f"seed={SEED}", "-qAt", "-f", str(BENCH / "seed-users.sql"))
    min_user, max_user = psql("bench_users", sql="SELECT min(id), max(id) FROM users").split("|")
    seed_posts(ARTICLES, min_user, max_user)
    return {"tokens": tokens, "user_ids": ids, "register_ms": register_ms, "user_range": (min_user, max_user)}


def seed_posts(count, min_user, max_user):
    log(f"Seeding {count} articles with tags, favorites and comments (bench/seed-posts.sql)")
    started = time.monotonic()
    psql("bench_posts", "-v", f"n={count}", "-v", f"min_user={min_user}", "-v", f"max_user={max_user}",
         "-v", f"seed={SEED}", "-qAt", "-f", str(BENCH / "seed-posts.sql"))
    log(f"  {counts()} in {time.monotonic() - started:.1f} s")


def counts():
    row = psql("bench_posts", sql="SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM article_tags),"
               " (SELECT count(*) FROM favorites), (SELECT count(*) FROM comments)").split("|")
    return dict(zip(["articles", "article_tags", "favorites", "comments"], map(int, row)))


def samples():
    """Rows the per-request variation rotates over: slugs, usernames, the most used tags."""
    slugs = psql("bench_posts", sql="SELECT slug FROM articles ORDER BY md5(slug) LIMIT 200").split()
    users = psql("bench_users", sql="SELECT username FROM users ORDER BY md5(username) LIMIT 100").split()
    tags = psql("bench_posts", sql="SELECT t.name FROM tags t JOIN article_tags at ON at.tag_id = t.id"
                " GROUP BY t.name ORDER BY count(*) DESC, t.name LIMIT 8").split()
    return slugs, users, tags


# ---------------------------------------------------------------- CPU accounting

SERVICE_PIDS = {}  # filled once the stack is up
profiles = {}  # BENCH_PROFILE=1: endpoint -> service -> top methods (bench/profiling.py)


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def cpu_snapshot():
    """CPU ticks of each service and of the PostgreSQL backends serving the bench databases."""
    snap = {s: cpu_ticks(pid) for s, pid in SERVICE_PIDS.items()}
    pg = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if b" bench_" in f.read():
                        pg += cpu_ticks(entry)
            except OSError:
                pass
    snap["postgres"] = pg
    times = os.times()
    snap["wrk"] = (times.children_user + times.children_system) * os.sysconf("SC_CLK_TCK")
    return snap


def cpu_ms_per_request(before, after, requests):
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    # A process that restarted meanwhile (fewer ticks than before) has no meaningful figure.
    return {k: round((after[k] - before[k]) * tick_ms / max(requests, 1), 2) if after[k] >= before[k] else None
            for k in before}


def cpu_text(value, width):
    return f"{value:>{width}.2f}" if value is not None else f"{'n/a':>{width}}"


# ---------------------------------------------------------------- wrk

def wrk(name, port, script, env, duration=DURATION, threads=THREADS, connections=CONNECTIONS, record=True):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency",
           "-s", str(BENCH / script), f"http://127.0.0.1:{port}"]
    full_env = {**os.environ, "BENCH_DIR": str(BENCH), "BENCH_RUN_ID": f"{STAMP}-{time.monotonic_ns()}", **env}
    recording = None
    if profiling.ENABLED and record and port == GATEWAY:
        recording = profiling.Recording(RESULTS / f"{STAMP}-profiles", name, SERVICE_PIDS).__enter__()
    cpu_before = cpu_snapshot()
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, env=full_env)
    cpu_after = cpu_snapshot()
    if recording:
        recording.__exit__(None, None, None)
        profiles[name] = recording.hot_methods()
    with open(WRK_LOG, "a") as f:
        f.write(f"### {name} via {VIA[port]} ({'measured' if record else 'warm-up'}): {' '.join(cmd)}\n"
                f"{out.stdout}{out.stderr}\n")
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary for {name}: {out.stdout}{out.stderr}")
    s = json.loads(line[len("BENCH_JSON "):])
    lat = s["latency_us"]
    result = {
        "endpoint": name, "via": VIA[port], "port": port, "threads": threads, "connections": connections,
        "duration_s": duration, "requests": s["requests"],
        "rps": round(s["requests"] / (s["duration_us"] / 1e6), 1),
        "p50_ms": lat["p50"] / 1000, "p90_ms": lat["p90"] / 1000, "p99_ms": lat["p99"] / 1000,
        "max_ms": lat["max"] / 1000, "non2xx": s["non2xx"], "socket_errors": s["socket_errors"],
        "cpu_ms_per_request": cpu_ms_per_request(cpu_before, cpu_after, s["requests"]),
    }
    bad = s["non2xx"] + sum(s["socket_errors"].values())
    if record and (bad or not s["requests"]):
        failures.append(f"{name} via {VIA[port]}: {s['requests']} responses, {s['non2xx']} non-2xx,"
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


def run_benchmarks(data, slugs, users, tags):
    tokens = data["tokens"]
    rows = []
    reads = read_endpoints(tokens, slugs, users, tags)
    # A fresh JVM needs tens of seconds of traffic before its JIT has compiled the shared paths (Vert.x,
    # Jackson, Hibernate): without this the first endpoints measured look several times slower. Passes
    # over every read endpoint until the total throughput of a pass stops growing by more than 10%.
    previous = 0
    for n in range(1, WARMUP_PASSES + 1):
        total = sum(wrk(name, GATEWAY, "get.lua", env, duration=WARMUP_PASS, record=False)["rps"]
                    for name, service, env, check in reads)
        log(f"JIT warm-up pass {n}: {WARMUP_PASS} s per read endpoint through the gateway, {total:.0f} req/s in all")
        warmup_passes.append(round(total, 1))
        if previous and total < previous * 1.1:
            break
        previous = total
    log(f"Reads: {WARMUP} s warm-up, then {DURATION} s via the gateway and {DURATION} s directly on the service")
    for name, service, env, check in reads:
        rows += measure(name, [GATEWAY, service], "get.lua", env, check)
    log("Writes (through the gateway)")
    authors = " ".join(tokens[n] for n in REGISTERED[1:])
    article = {"article": {"title": "Bench preflight", "description": "d", "body": "b", "tagList": ["bench"]}}
    rows += measure("POST /api/articles", [GATEWAY], "create_article.lua", {"BENCH_TOKENS": authors},
                    ("POST", "/api/articles", tokens["author1"], article))
    rows += measure("POST /api/articles/{slug}/favorite", [GATEWAY], "favorite.lua",
                    {"BENCH_PATHS": " ".join(f"/api/articles/{s}/favorite" for s in slugs),
                     "BENCH_TOKENS": " ".join(tokens.values())},
                    ("POST", f"/api/articles/{slugs[0]}/favorite", tokens["reader"], {}))
    return rows


def run_login():
    """Argon2id on purpose: one connection gives the cost of one login; then a burst at the usual
    concurrency (BENCH_LOGIN_CONNECTIONS overrides it) gives the throughput."""
    log("Login (Argon2id m=19 MiB, t=2, p=1 per request)")
    env = {"BENCH_LOGINS": " ".join(f"{n}@bench.example {PASSWORD}" for n in REGISTERED)}
    direct = {**env, "BENCH_PATHS": "/internal/users/login",
              "BENCH_INTERNAL_TOKEN": INTERNAL_TOKEN_FILE.read_text().strip()}
    burst = env_int("BENCH_LOGIN_CONNECTIONS", CONNECTIONS)
    wrk("POST /api/users/login", GATEWAY, "login.lua", env, duration=WARMUP, threads=1, connections=1, record=False)
    rows = [
        wrk("POST /api/users/login (1 connection)", GATEWAY, "login.lua", env, duration=5, threads=1, connections=1),
        wrk("POST /internal/users/login (1 connection)", USERS, "login.lua", direct, duration=5, threads=1, connections=1),
        wrk(f"POST /api/users/login ({burst} connections)", GATEWAY, "login.lua", env, connections=burst),
    ]
    for row in rows:
        log(f"  {row['endpoint']:<42} {row['rps']:>7.1f} req/s  p50 {row['p50_ms']:7.2f} ms  p99 {row['p99_ms']:7.2f} ms"
            f"  non-2xx {row['non2xx']}")
    return rows


# ---------------------------------------------------------------- scale check and EXPLAIN

class SqlSampler(threading.Thread):
    """Samples what posts-service's connections run (pg_stat_activity, every 0.5 s) while wrk runs, to
    check that bench/explain.sql explains the statements the service really sends."""

    def __init__(self):
        super().__init__(daemon=True)
        self.seen, self.done = {}, threading.Event()

    def run(self):
        sql = ("SELECT rpad(state, 20) || regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_activity"
               " WHERE datname = 'bench_posts'"
               " AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND query <> ''")
        while not self.done.wait(0.5):
            try:
                for query in psql("bench_posts", sql=sql, timeout=5).splitlines():
                    self.seen[query] = self.seen.get(query, 0) + 1
            except (RuntimeError, subprocess.SubprocessError):
                pass

    def stop(self):
        self.done.set()
        self.join(timeout=10)
        return sorted(self.seen.items(), key=lambda item: -item[1])


def scale_check(data, tags):
    """The lists at the seeded size (the articles the write runs added are deleted first, so it is exact
    and the JVMs are as warm as they get), then again after topping up to SCALE_ARTICLES."""
    again = ("GET /api/articles", "GET /api/articles?tag=…", "GET /api/articles/feed", "GET /api/tags")
    reads = [r for r in read_endpoints(data["tokens"], ["x"], ["x"], tags) if r[0] in again]
    psql("bench_posts", "-qAt", "-c", "DELETE FROM articles WHERE title LIKE 'Bench %'",
         "-c", "VACUUM (ANALYZE) articles, article_tags, favorites, comments")
    small = counts()["articles"]
    log(f"Scale check: the lists and tags at {small} articles (bench-written articles deleted)")
    before = {name: measure(name, [GATEWAY], "get.lua", env, check)[0] for name, _, env, check in reads}
    seed_posts(SCALE_ARTICLES - small, *data["user_range"])
    large = counts()["articles"]
    log(f"Scale check: the lists and tags again at {large} articles")
    sampler = SqlSampler()
    sampler.start()
    rows = [{"endpoint": name, "articles_small": small, "articles_large": large, "small": before[name],
             "large": measure(name, [GATEWAY], "get.lua", env, check)[0]} for name, _, env, check in reads]
    data["sql_seen"] = sampler.stop()
    return rows


def explain(data, tags, path):
    followees = psql("bench_users", sql=f"SELECT '{{' || string_agg(followee_id::text, ',') || '}}'"
                     f" FROM follows WHERE follower_id = {data['user_ids']['reader']}")
    out = psql("bench_posts", "-v", f"tag={tags[0]}", "-v", f"followees={followees}",
               "-v", f"viewer={data['user_ids']['reader']}", "-f", str(BENCH / "explain.sql"))
    text = f"EXPLAIN (ANALYZE, BUFFERS) at {counts()}\n\n{out}\n"
    if data.get("sql_seen"):
        text += ("\n### Statements posts-service's connections were running or had just run during the runs at"
                 " this size (pg_stat_activity, sampled every 0.5 s; count = samples; 'active' = running at"
                 " the sample, a rough profile of where PostgreSQL's time goes):\n"
                 + "\n".join(f"{n:>5}  {q}" for q, n in data["sql_seen"]) + "\n")
    path.write_text(text)


# ---------------------------------------------------------------- report

def rss_kib(pid):
    out = subprocess.run(["ps", "-o", "rss=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return int(out) if out else None


def table(report):
    lines = []
    add = lines.append
    c = report["settings"]
    add("")
    add(f"Conduit benchmark {STAMP}: wrk {c['threads']} threads, {c['connections']} connections, {c['duration_s']} s"
        f" per run after {c['warmup_s']} s warm-up; {report['data']['users']} users,"
        f" {report['data']['articles_before_writes']} articles; load average at start {c['loadavg_at_start']};"
        f" JIT warm-up passes (req/s) {report['warmup_pass_rps']}")
    add(f"{'endpoint':<42} {'via':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}"
        f"  {'CPU ms/request: gw  users  posts     pg':>40}  gateway vs direct")
    direct = {(r["endpoint"]): r for r in report["runs"] if r["via"] != "gateway"}
    for r in report["runs"] + report["login"]:
        ratio = ""
        d = direct.get(r["endpoint"])
        if r["via"] == "gateway" and d and d["rps"] and d["p50_ms"]:
            ratio = (f"req/s x{r['rps'] / d['rps']:.2f}, p50 +{r['p50_ms'] - d['p50_ms']:.2f} ms"
                     f" (x{r['p50_ms'] / d['p50_ms']:.2f})")
        bad = r["non2xx"] + sum(r["socket_errors"].values())
        cpu = r["cpu_ms_per_request"]
        cpus = " ".join(cpu_text(cpu[k], 6) for k in ("gateway", "users-service", "posts-service", "postgres"))
        add(f"{r['endpoint']:<42} {r['via']:<8} {r['rps']:>9.1f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {bad:>8}"
            f"  {cpus:>40}  {ratio}")
    login = {r["endpoint"]: r for r in report["login"]}
    one = login.get("POST /internal/users/login (1 connection)")
    if one:
        add(f"Login is Argon2id by design: one verification ~{one['p50_ms']:.0f} ms (p50, one connection, direct);"
            f" registration (one hash each, sequential) took {report['data']['register_ms']} ms")
    add("")
    add(f"{'service':<15} {'start->ready ms':>16} {'Quarkus started in ms':>22} {'RSS after run MiB':>18}")
    for s, info in report["services"].items():
        rss = info.get("rss_kib_after")
        add(f"{s:<15} {info['start_to_ready_ms']:>16} {str(info['quarkus_started_in_ms']):>22}"
            f" {(rss or 0) / 1024:>18.0f}")
    if report.get("scale"):
        add("")
        add(f"{'scale check (via gateway)':<42} {'articles':>9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
            f"  {'CPU ms/request: posts     pg':>29}")
        for sc in report["scale"]:
            for key, n in (("small", sc["articles_small"]), ("large", sc["articles_large"])):
                r = sc[key]
                cpu = r["cpu_ms_per_request"]
                add(f"{sc['endpoint']:<42} {n:>9} {r['rps']:>9.1f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f}"
                    f"  {cpu_text(cpu['posts-service'], 22)} {cpu_text(cpu['postgres'], 6)}")
            small, large = sc["small"], sc["large"]
            ratio = lambda f: "x" + format(f(large) / f(small), ".2f") if f(small) and f(large) is not None else "-"
            add(f"{'  growth':<42} {'':>9} {ratio(lambda r: r['rps']):>9} {ratio(lambda r: r['p50_ms']):>8}"
                f" {ratio(lambda r: r['p99_ms']):>8}  {ratio(lambda r: r['cpu_ms_per_request']['posts-service']):>22}"
                f" {ratio(lambda r: r['cpu_ms_per_request']['postgres']):>6}")
    if report.get("profiles"):
        add("")
        add("Top methods by JFR execution samples, per measured gateway run (BENCH_PROFILE=1):")
        lines += profiling.report_lines(report["profiles"])
    add("")
    add("Phases (s): " + ", ".join(f"{k} {v}" for k, v in report["phase_seconds"].items()))
    return "\n".join(lines)


def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    global PG_PORT
    PG_PORT = pg_port()
    phases, t0 = {}, time.monotonic()
    if os.environ.get("BENCH_BUILD_SECONDS"):
        phases["build"] = float(os.environ["BENCH_BUILD_SECONDS"])
    report = {"timestamp": STAMP, "settings": {
        "threads": THREADS, "connections": CONNECTIONS, "duration_s": DURATION, "warmup_s": WARMUP,
        "java_opts": os.environ.get("JAVA_OPTS", "deploy/jvm/jvm.options (stack.sh default)"),
        "aot_cache": os.environ.get("CONDUIT_AOT_CACHE", "1"),
        "cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()]}}

    def phase(name, started):
        phases[name] = round(time.monotonic() - started, 1)

    started = time.monotonic()
    log(f"Starting STACK=bench (ports {GATEWAY}-{POSTS}, fresh databases {_BENCH['databasePrefix']}users, "
        f"{_BENCH['databasePrefix']}posts)")
    report["services"] = start_stack()
    SERVICE_PIDS.update({s: info["pid"] for s, info in report["services"].items()})
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
    report["runs"] = run_benchmarks(data, slugs, users, tags)
    phase("benchmark", started)

    if SCALE_ARTICLES:
        started = time.monotonic()
        report["scale"] = scale_check(data, tags)
        explain_path = RESULTS / f"{STAMP}-explain-{SCALE_ARTICLES // 1000}k.txt"
        explain(data, tags, explain_path)
        report["explain_file"] = str(explain_path.relative_to(ROOT))
        phase("scale", started)

    # Last: a burst of logins is what most endangers a service's heap (19 MiB per Argon2id hash).
    started = time.monotonic()
    report["login"] = run_login()
    phase("login", started)

    for service, info in report["services"].items():
        info["rss_kib_after"] = rss_kib(info["pid"])
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
    report["warmup_pass_rps"] = warmup_passes
    report["profiles"] = profiles
    report["settings"]["profiled"] = profiling.ENABLED

    text = table(report)
    print(text)
    json_path = RESULTS / f"{STAMP}.json"
    json_path.write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / f"{STAMP}.txt").write_text(text + "\n")
    print(f"\nResults: {json_path.relative_to(ROOT)} (raw wrk output: {WRK_LOG.relative_to(ROOT)})")
    if failures:
        print("\n\033[1;31m" + "!" * 78 + "\nBENCHMARK FAILED: requests that were not 2xx\n" + "\n".join(failures)
              + "\n" + "!" * 78 + "\033[0m", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (RuntimeError, subprocess.SubprocessError, OSError) as e:
        print(f"\033[1;31mBENCHMARK FAILED: {e}\033[0m", file=sys.stderr)
        sys.exit(1)
