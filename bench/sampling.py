"""What a run costs and what it runs: CPU time of each service and of the bench databases' PostgreSQL
backends (from /proc) around a wrk run, and the statements posts-service's connections run."""
import os
import subprocess
import threading

from clients import psql
from stack import SERVICE_PIDS


def _cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def cpu_snapshot():
    """CPU ticks of each service and of the PostgreSQL backends serving the bench databases."""
    snap = {s: _cpu_ticks(pid) for s, pid in SERVICE_PIDS.items()}
    pg = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if b" bench_" in f.read():
                        pg += _cpu_ticks(entry)
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
