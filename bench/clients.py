"""How every step talks to the outside: progress lines on stderr, HTTP to the services, psql to the
bench databases."""
import functools
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request


def log(msg):
    print(f"\033[1m==> {msg}\033[0m", file=sys.stderr, flush=True)


def http(method, port, path, body=None, token=None, timeout=30):
    return http_url(method, f"http://127.0.0.1:{port}{path}", body, token, timeout)


def http_url(method, url, body=None, token=None, timeout=30):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Token {token}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, res.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@functools.cache
def pg_port():
    out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
    return out.split()[2]


def psql(db, *args, sql=None, timeout=600):
    cmd = ["psql", "-h", "127.0.0.1", "-p", pg_port(), "-U", "conduit", "-d", db, "-X", "-v", "ON_ERROR_STOP=1", *args]
    if sql is not None:
        cmd += ["-qAt", "-c", sql]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, "PGPASSWORD": os.environ.get("CONDUIT_DB_PASSWORD", "conduit")})
    if res.returncode != 0:
        raise RuntimeError(f"psql on {db} failed: {res.stderr.strip()}")
    return res.stdout.strip()
