"""Web latency: p50/p95 and requests/s for ad detail (GET /api/ads/ID, logged in with an API token) and the
public checker (POST /api/check) with 50 concurrent clients on loopback, against `redflags serve` (one
uvicorn process) over a store of generated ads. Target of issue 6: p95 < 100 ms. One figure per line.

The load comes from `wrk` (Debian package `wrk`: a C load generator that leaves the CPU to the server)
when it is installed, else from Python httpx clients in this process, which compete with the server for
the two cores and report much worse figures; the tool used is printed.

    .venv/bin/python bench/web.py [--n 2000] [--requests 2000] [--seconds 10] [--clients 50] [--seed 5]
                                  [--tool wrk|httpx] [--quick]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHECK_TEXTS = [
    "Hiring waitresses for Dubai, free visa and ticket. Pay 300 USD processing fee first. We keep your passport.",
    "Trabajo en España sin experiencia. Pague 300 euros de inscripción. Contacto solo por WhatsApp.",
    "Warehouse operative, Leeds. £11.44 per hour, 39 hours a week, contract via our licensed agency.",
]


def build(db: Path, n: int, seed: int) -> tuple[list[str], str]:
    """A store of n generated ads (ingested and linked) and an analyst API token."""
    import json
    from functools import partial

    from redflags.demo import generate
    from redflags.ingest import IngestOptions, ingest
    from redflags.link import link_store
    from redflags.pipeline.stages import analyse_ad
    from redflags.store import open_store

    src = db.with_suffix(".jsonl")
    with src.open("w", encoding="utf-8") as f:
        for ad in generate(n, seed):
            f.write(json.dumps(ad, ensure_ascii=False) + "\n")
    with open_store(db) as store:
        ingest(store, [str(src)], IngestOptions(), enrich=partial(analyse_ad, region="US"))
        link_store(store)
        store.accounts.add_user("bench", "bench password 123", "analyst")
        ids = [r[0] for r in store.execute("SELECT id FROM ads")]
        return ids, store.accounts.new_token("bench")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def load(url: str, make_request, total: int, clients: int) -> tuple[list[float], float, int]:
    """(latencies in ms, wall seconds, non-2xx count) for `total` requests over `clients` connections."""
    latencies: list[float] = []
    errors = 0
    queue = list(range(total))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while queue:
            i = queue.pop()
            t = time.perf_counter()
            r = await make_request(client, i)
            latencies.append((time.perf_counter() - t) * 1000)
            errors += r.status_code >= 300

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        return latencies, time.perf_counter() - start, errors


def report(name: str, latencies: list[float], wall: float, errors: int) -> None:
    q = statistics.quantiles(latencies, n=100)
    print(f"{name} requests: {len(latencies)} ({errors} errors)")
    print(f"{name} p50 ms: {q[49]:.1f}")
    print(f"{name} p95 ms: {q[94]:.1f}")
    print(f"{name} requests/s: {len(latencies) / wall:.0f}")


WRK_SCRIPT = r"""
local ids, i = {}, 0
for line in io.lines("%(ids)s") do ids[#ids + 1] = line end
wrk.headers["Content-Type"] = "application/json"
%(auth)s
request = function()
  i = i + 1
  if "%(mode)s" == "detail" then return wrk.format("GET", "/api/ads/" .. ids[(i %% #ids) + 1]) end
  return wrk.format("POST", "/api/check", nil, ids[(i %% #ids) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %%d %%d %%.1f %%.1f %%.1f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.requests / (summary.duration / 1e6)))
end
"""


def run_wrk(url: str, name: str, mode: str, lines: list[str], token: str, clients: int, seconds: int, tmp: Path) -> None:
    """One wrk run; prints the same figures as the httpx path."""
    data = tmp / f"{mode}.txt"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = tmp / f"{mode}.lua"
    auth = f'wrk.headers["Authorization"] = "Bearer {token}"' if mode == "detail" else ""
    script.write_text(WRK_SCRIPT % {"ids": data, "auth": auth, "mode": mode}, encoding="utf-8")
    subprocess.run(["wrk", "-t2", f"-c{clients}", "-d2s", "-s", str(script), url], capture_output=True)  # warm-up
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "-s", str(script), url],
                         capture_output=True, text=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    n, errors, p50, p95, rps = line.split()[1:]
    print(f"{name} requests: {n} ({errors} errors)")
    print(f"{name} p50 ms: {p50}")
    print(f"{name} p95 ms: {p95}")
    print(f"{name} requests/s: {float(rps):.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="generated ads in the store")
    ap.add_argument("--requests", type=int, default=2000, help="requests per endpoint")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--seconds", type=int, default=10, help="wrk run length per endpoint")
    ap.add_argument("--tool", choices=["wrk", "httpx"], default="wrk" if shutil.which("wrk") else "httpx")
    ap.add_argument("--quick", action="store_true", help="300 ads, 200 requests / 3 s (CI smoke run)")
    args = ap.parse_args()
    if args.quick:
        args.n, args.requests, args.seconds = 300, 200, 3
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        ids, token = build(db, args.n, args.seed)
        port = free_port()
        env = {**os.environ, "REDFLAGS_CHECK_RATE": "1000000"}
        server = subprocess.Popen([sys.executable, "-m", "redflags", "serve", "--db", str(db), "--port", str(port)],
                                  env=env, stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            url = f"http://127.0.0.1:{port}"
            rng = random.Random(args.seed)
            picks = [rng.choice(ids) for _ in range(args.requests)]
            auth = {"Authorization": f"Bearer {token}"}
            print(f"store: {len(ids)} ads; {args.clients} concurrent clients; one server process; loopback; "
                  f"load from {args.tool}")
            if args.tool == "wrk":
                import json
                run_wrk(url, "ad detail", "detail", picks, token, args.clients, args.seconds, Path(tmp))
                bodies = [json.dumps({"text": t}) for t in CHECK_TEXTS]
                run_wrk(url, "check", "check", bodies, token, args.clients, args.seconds, Path(tmp))
                return

            async def detail(client, i):
                return await client.get(f"/api/ads/{picks[i]}", headers=auth)

            async def check(client, i):
                return await client.post("/api/check", json={"text": CHECK_TEXTS[i % len(CHECK_TEXTS)]})
            asyncio.run(load(url, detail, 50, args.clients))  # warm-up
            report("ad detail", *asyncio.run(load(url, detail, args.requests, args.clients)))
            asyncio.run(load(url, check, 50, args.clients))
            report("check", *asyncio.run(load(url, check, args.requests, args.clients)))
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
