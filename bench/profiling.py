"""BENCH_PROFILE=1: a JFR recording of every JVM of the stack during each measured gateway run.

Each recording is started just before the run's CPU snapshot and stopped just after it (jcmd attaches
outside the measured window), saved as bench/results/<ts>-profiles/<endpoint>-<service>.jfr, and
summarised with `jfr view hot-methods` (JDK 21+): the methods the most execution samples were in.
The JVM samples running Java threads every 10 ms ("profile" settings), which costs a few percent of
CPU, so compare CPU columns only between runs with the same BENCH_PROFILE.
"""
import os
import re
import subprocess
from pathlib import Path

ENABLED = os.environ.get("BENCH_PROFILE", "0") == "1"
TOP = int(os.environ.get("BENCH_PROFILE_TOP", "8"))


def _jdk_tool(pid, tool):
    """The jcmd/jfr of the JDK that runs pid (a recording must be read by a JDK at least as new)."""
    java = Path(os.readlink(f"/proc/{pid}/exe"))
    return str(java.parent / tool)


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Recording:
    def __init__(self, directory, label, pids):
        self.directory, self.label, self.pids = Path(directory), _slug(label), dict(pids)

    def __enter__(self):
        for service, pid in self.pids.items():
            subprocess.run([_jdk_tool(pid, "jcmd"), str(pid), "JFR.start", f"name={self.label}",
                            "settings=profile"], capture_output=True, text=True, check=True)
        return self

    def __exit__(self, *exc):
        self.directory.mkdir(parents=True, exist_ok=True)
        for service, pid in self.pids.items():
            path = self.directory / f"{self.label}-{service}.jfr"
            subprocess.run([_jdk_tool(pid, "jcmd"), str(pid), "JFR.stop", f"name={self.label}",
                            f"filename={path}"], capture_output=True, text=True, check=True)
        return False

    def hot_methods(self):
        """{service: [(percent, method)]}: the TOP methods by execution samples."""
        summary = {}
        for service, pid in self.pids.items():
            path = self.directory / f"{self.label}-{service}.jfr"
            out = subprocess.run([_jdk_tool(pid, "jfr"), "view", "--width", "220", "hot-methods", str(path)],
                                 capture_output=True, text=True).stdout
            rows = []
            for line in out.splitlines():
                m = re.match(r"\s*(\S.*?)\s+\d+\s+([0-9.]+)%\s*$", line)
                if m and not line.lstrip().startswith("Method"):
                    rows.append((float(m.group(2)), m.group(1)))
            summary[service] = rows[:TOP]
        return summary


def report_lines(profiles):
    """Text for the table: per endpoint, per service, the top methods."""
    lines = []
    for label, by_service in profiles.items():
        lines.append(f"profile {label}")
        for service, rows in by_service.items():
            top = "; ".join(f"{pct:.1f}% {method}" for pct, method in rows) or "-"
            lines.append(f"  {service:<14} {top}")
    return lines
