"""The report: the table printed at the end (also saved as <ts>.txt), <ts>.json, and the failures."""
import json
import sys

import profiling
from settings import RESULTS, ROOT, STAMP, WRK_LOG


def _cpu_text(value, width):
    return f"{value:>{width}.2f}" if value is not None else f"{'n/a':>{width}}"


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
        cpus = " ".join(_cpu_text(cpu[k], 6) for k in ("gateway", "users-service", "posts-service", "postgres"))
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
                    f"  {_cpu_text(cpu['posts-service'], 22)} {_cpu_text(cpu['postgres'], 6)}")
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


def publish(report):
    """Prints the table and writes <ts>.json and <ts>.txt; then the failures, if any, in red."""
    text = table(report)
    print(text)
    json_path = RESULTS / f"{STAMP}.json"
    json_path.write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / f"{STAMP}.txt").write_text(text + "\n")
    print(f"\nResults: {json_path.relative_to(ROOT)} (raw wrk output: {WRK_LOG.relative_to(ROOT)})")
    if report["failures"]:
        print("\n\033[1;31m" + "!" * 78 + "\nBENCHMARK FAILED: requests that were not 2xx\n"
              + "\n".join(report["failures"]) + "\n" + "!" * 78 + "\033[0m", file=sys.stderr)
