"""BENCH_PEER_URL (optional): the anonymous read endpoints against another Conduit implementation (e.g. a
monolith) and against ours through the gateway, built the same way for both from each side's own data, so the
req/s ratio ours/peer compares like with like.

Each side's rows come from its own GET /api/articles?limit=100 (slugs; their authors are the profiles) and
GET /api/tags (the first 8 tags); an endpoint is left out when a side has no rows for it. The peer gets the same
JIT warm-up passes as our stack had, then each endpoint is measured as in the throughput table
(BENCH_WARMUP s not recorded, then BENCH_DURATION s), on the peer and then on ours.
"""
import json
import urllib.parse

from clients import http_url, log
from settings import WARMUP
from stack import GATEWAY
from workload import failures, warm_up, wrk


def _split(url):
    """(scheme://host:port for wrk, the path prefix every request path gets)."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}", parts.path.rstrip("/")


def _get(base, prefix, path):
    status, body = http_url("GET", f"{base}{prefix}{path}", timeout=30)
    if status != 200:
        raise RuntimeError(f"{base}{prefix}{path} answered {status}: {body[:200]}")
    return json.loads(body)


def anonymous_reads(base, prefix):
    """[(endpoint, paths)] from the side's own articles and tags."""
    articles = _get(base, prefix, "/api/articles?limit=100")["articles"]
    tags = _get(base, prefix, "/api/tags")["tags"][:8]
    slugs = [a["slug"] for a in articles]
    authors = list(dict.fromkeys(a["author"]["username"] for a in articles))
    q = urllib.parse.quote
    endpoints = [
        ("GET /api/articles", ["/api/articles"]),
        ("GET /api/articles?tag=…", [f"/api/articles?tag={q(t)}" for t in tags]),
        ("GET /api/articles/{slug}", [f"/api/articles/{q(s)}" for s in slugs]),
        ("GET /api/articles/{slug}/comments", [f"/api/articles/{q(s)}/comments" for s in slugs]),
        ("GET /api/tags", ["/api/tags"]),
        ("GET /api/profiles/{name}", [f"/api/profiles/{q(u)}" for u in authors]),
    ]
    return [(name, [prefix + p for p in paths]) for name, paths in endpoints if paths]


def compare(peer_url):
    """{"url", "rows": [{endpoint, ours, peer, rps_ratio}], "left_out"}; the peer's failures fail the bench."""
    sides = {"peer": (*_split(peer_url), "peer", None), "ours": (f"http://127.0.0.1:{GATEWAY}", "", "gateway", GATEWAY)}
    try:
        reads = {side: dict(anonymous_reads(base, prefix)) for side, (base, prefix, _, _) in sides.items()}
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        failures.append(f"BENCH_PEER_URL={peer_url}: could not read its articles and tags: {e}")
        return {"url": peer_url, "rows": [], "error": str(e)}
    names = [name for name in reads["ours"] if name in reads["peer"]]
    left_out = sorted(name for name in set(reads["ours"]) | set(reads["peer"]) if name not in names)
    log(f"Peer {peer_url}: the anonymous reads, {WARMUP} s warm-up then measured, on the peer and on ours")
    base, _, via, _ = sides["peer"]
    warm_up([(name, None, {"BENCH_PATHS": " ".join(reads["peer"][name])}, None) for name in names], url=base, via=via)
    rows = []
    for name in names:
        row = {"endpoint": name}
        for side in ("peer", "ours"):
            base, _, via, port = sides[side]
            env = {"BENCH_PATHS": " ".join(reads[side][name])}
            wrk(name, port, "get.lua", env, duration=WARMUP, record=False, url=base, via=via)
            row[side] = wrk(name, port, "get.lua", env, profile=False, url=base, via=via)
        row["rps_ratio"] = round(row["ours"]["rps"] / row["peer"]["rps"], 2) if row["peer"]["rps"] else None
        log(f"  {name:<36} ours {row['ours']['rps']:>8.1f} req/s, peer {row['peer']['rps']:>8.1f} req/s,"
            f" ours/peer x{row['rps_ratio'] or 0:.2f}")
        rows.append(row)
    return {"url": peer_url, "rows": rows, "left_out": left_out}
