"""What a bench run is: the BENCH_* settings (see bench/README.md), the fixed parts of the data set,
and where the run's files go."""
import os
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"


def env_int(name, default):
    return int(os.environ.get(name, default))


DURATION = env_int("BENCH_DURATION", 10)          # seconds per measured run
WARMUP = env_int("BENCH_WARMUP", 3)               # seconds of warm-up per endpoint, not recorded
WARMUP_PASS = env_int("BENCH_WARMUP_PASS", 3)     # seconds per read endpoint in each JIT warm-up pass
WARMUP_PASSES = env_int("BENCH_WARMUP_PASSES", 8)  # at most this many passes (stops once throughput is stable)
THREADS = env_int("BENCH_THREADS", 2)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 16)
LOGIN_CONNECTIONS = env_int("BENCH_LOGIN_CONNECTIONS", CONNECTIONS)
ARTICLES = env_int("BENCH_ARTICLES", 5000)
SCALE_ARTICLES = env_int("BENCH_SCALE_ARTICLES", 50000)  # 0 skips the scale check
USER_COUNT = env_int("BENCH_USERS", 250)
# Start-up, memory and warm-up, with and without the AOT cache (bench/footprint.py, bench/warmup.py):
START_REPEATS = env_int("BENCH_START_REPEATS", 5)  # starts of each service alone per cache mode (median, min, max)
WARM_SECONDS = env_int("BENCH_WARM_SECONDS", 120)  # read load between the first and the warm GET /api/user window
WARM_WINDOW = 10                                   # seconds of GET /api/user right after ready, and once warm
WARM_CHUNK = 5                                     # the read load: this many seconds per read endpoint, in turn
PEER_URL = os.environ.get("BENCH_PEER_URL", "").strip()  # another Conduit's base URL: the anonymous reads on both
PASSWORD = "bench-password-1"
REGISTERED = ["reader", "author1", "author2", "author3", "author4"]  # through the API: real hashes
SEED = "0.42"

STAMP = datetime.now().strftime("%Y%m%d-%H%M%S")
WRK_LOG = RESULTS / f"{STAMP}-wrk.log"
