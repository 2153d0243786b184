"""The report: the table printed at the end (also saved as <ts>.txt), <ts>.json, and the failures."""
import json
import sys

import profiling
from settings import RESULTS, ROOT, STAMP, WRK_LOG


def _cpu_text(value, width):
    return f"{value:>{width}.2f}" if value is not None else f"{'n/a':>{width}}"


def _mib(kib):
    return f"{kib / 1024:.0f}" if kib else "-"


def _cpu(value):
    return f"{value:.2f}" if value is not None else "n/a"


def _aot(mode):
    return "on" if mode == "on" else "off"


def _ratio(a, b, fmt=".2f"):
    return f"x{a / b:{fmt}}" if a is not None and b else "-"


def peer_lines(peer):
    lines = ["", f"Peer comparison, BENCH_PEER_URL={peer['url']} (anonymous reads, each side's own slugs, authors and"
             " tags; ours through the gateway)"]
    if peer.get("error"):
        return lines + [f"  not measured: {peer['error']}"]
    lines.append(f"{'endpoint':<42} {'ours req/s':>10} {'peer req/s':>10} {'ours/peer':>10} {'ours p50':>9}"
                 f" {'peer p50':>9}")
    for r in peer["rows"]:
        lines.append(f"{r['endpoint']:<42} {r['ours']['rps']:>10.1f} {r['peer']['rps']:>10.1f}"
                     f" {_ratio(r['ours']['rps'], r['peer']['rps']):>10} {r['ours']['p50_ms']:>9.2f}"
                     f" {r['peer']['p50_ms']:>9.2f}")
    if peer.get("left_out"):
        lines.append(f"  left out (no rows on one side): {', '.join(peer['left_out'])}")
    return lines


def footprint_lines(fp):
    """The start-up / memory / warm-up table: one column per cache mode measured, and on/off."""
    modes = [m for m in ("on", "off") if not fp[m].get("skipped")]
    services = list(fp["off"]["alone"])
    w = 26
    lines = ["", "Start-up, memory and warm-up with the AOT cache on and off (services started by scripts/stack.sh with"
             " CONDUIT_AOT_CACHE=1 / 0; databases kept)"]
    if fp["on"].get("skipped"):
        why = fp["on"]["skipped"].removeprefix("off: ")
        lines.append(f"  AOT cache: not used by any service ({why}): the 'off' column only")
    add = lines.append
    add(f"{'':<44}" + "".join(f"{'cache ' + m:>{w}}" for m in modes) + ("      on/off" if len(modes) == 2 else ""))
    without = {}

    def row(label, cell, value=None):
        cells = []
        for m in modes:
            text = cell(fp[m])
            cells.append(f"{text:>{w}}")
        ratio = ""
        if len(modes) == 2 and value:
            values = [value(fp[m]) for m in modes]
            if isinstance(values[0], tuple):
                ratio = " / ".join(_ratio(a, b) for a, b in zip(*values))
            else:
                ratio = _ratio(*values)
        add(f"{label:<44}" + "".join(cells) + f"  {ratio}")

    def mark(mode_result, service, where):
        aot = mode_result[where][service]["aot"]
        if mode_result is fp["on"] and aot != "on":
            without[service] = aot
            return "*"
        return " "

    add(f"start->ready alone, ms: median (min-max) of {len(fp['off']['alone'][services[0]]['runs_ms'])}")
    for s in services:
        row(f"  {s}", lambda m, s=s: f"{m['alone'][s]['median_ms']:.0f} ({m['alone'][s]['min_ms']}-"
            f"{m['alone'][s]['max_ms']}){mark(m, s, 'alone')}", lambda m, s=s: m["alone"][s]["median_ms"])
    add("start->ready, the three at once, ms (Quarkus 'started in')")
    for s in services:
        row(f"  {s}", lambda m, s=s: f"{m['together'][s]['start_to_ready_ms']}"
            f" ({m['together'][s]['quarkus_started_in_ms']}){mark(m, s, 'together')}",
            lambda m, s=s: m["together"][s]["start_to_ready_ms"])
    add("RSS MiB: idle / after the read load / after the login burst")
    points = ("idle", "after_reads", "after_login")
    for s in services + ["the three"]:
        row(f"  {s}", lambda m, s=s: " / ".join(_mib(m["rss_kib"][p][s]) for p in points),
            lambda m, s=s: tuple(m["rss_kib"][p][s] for p in points))
    warm = fp["off"]["warmup"]
    add("GET /api/user via the gateway, req/s (CPU ms/request: the three and PostgreSQL)")
    for key, label in (("first", f"first {warm['window_s']} s after ready"),
                       ("warm", f"after {warm['load_seconds']} s of read load")):
        row(f"  {label}", lambda m, key=key: f"{m['warmup'][key]['rps']:.1f}"
            f" ({_cpu(m['warmup'][key]['cpu_ms_per_request_total'])})", lambda m, key=key: m["warmup"][key]["rps"])
    row("  first / warm (goal: at least 70%)", lambda m: f"{m['warmup']['first_over_warm']:.0%}"
        if m["warmup"]["first_over_warm"] is not None else "-")
    login = fp["off"]["login"]
    row(f"login burst ({login['connections']} connections), req/s (p99 ms)",
        lambda m: f"{m['login']['rps']:.1f} ({m['login']['p99_ms']:.0f})", lambda m: m["login"]["rps"])
    for service, why in without.items():
        add(f"  * {service} started without its AOT cache in mode 'on': {why.removeprefix('off: ')}")
    return lines


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
    rss = report["rss_kib"]
    add(f"{'service':<15} {'start->ready ms':>16} {'Quarkus started in ms':>22} {'AOT cache':>10}"
        f"  {'RSS MiB: idle':>13} {'after reads':>11} {'after login':>11}")
    for s, info in list(report["services"].items()) + [("the three", None)]:
        head = (f"{info['start_to_ready_ms']:>16} {str(info['quarkus_started_in_ms']):>22} {_aot(info['aot']):>10}"
                if info else f"{'':>16} {'':>22} {'':>10}")
        add(f"{s:<15} {head}  {_mib(rss['idle'][s]):>13} {_mib(rss['after_reads'][s]):>11}"
            f" {_mib(rss['after_login'][s]):>11}")
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
    if report.get("peer"):
        lines += peer_lines(report["peer"])
    if report.get("footprint"):
        lines += footprint_lines(report["footprint"])
    if report.get("profiles"):
        add("")
        add("Top methods by JFR execution samples, per measured gateway run (BENCH_PROFILE=1):")
        lines += profiling.report_lines(report["profiles"])
    add("")
    add("Phases (s): " + ", ".join(f"{k} {v}" for k, v in report["phase_seconds"].items()))
    return "\n".join(lines)


def publish(report):
    """Prints the table and writes <ts>.json and <ts>.txt; then the failures, if any, in red."""
    json_path = RESULTS / f"{STAMP}.json"
    json_path.write_text(json.dumps(report, indent=2) + "\n")  # first: kept even if the table fails
    text = table(report)
    print(text)
    (RESULTS / f"{STAMP}.txt").write_text(text + "\n")
    print(f"\nResults: {json_path.relative_to(ROOT)} (raw wrk output: {WRK_LOG.relative_to(ROOT)})")
    if report["failures"]:
        print("\n\033[1;31m" + "!" * 78 + "\nBENCHMARK FAILED: requests that were not 2xx\n"
              + "\n".join(report["failures"]) + "\n" + "!" * 78 + "\033[0m", file=sys.stderr)
