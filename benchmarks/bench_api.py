"""Load benchmark of ``POST /v1/berekeningen`` (issue #6), written to docs/performance.md.

Target: one person per request, 60 s at 200 requests per second on loopback, zero errors and a
99th-percentile latency of at most 50 ms. The server runs as ``inburgering serve`` in its own
process; the load is open-loop (a request is sent every 5 ms whatever the earlier ones do, so
a slow server cannot hide its latency by slowing the client down).

    python benchmarks/bench_api.py [SECONDS] [RATE]
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import machine, write

ROOT = Path(__file__).resolve().parents[1]
PERSON = json.loads((ROOT / "examples" / "persoon.json").read_text(encoding="utf-8"))
BODY = {"peildatum": "2026-11-28", "scenarios": ["wi2021"], "personen": [PERSON]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str) -> None:
    for _ in range(200):
        try:
            if httpx.get(url + "/v1/scenarios", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not start")


async def load(url: str, seconds: float, rate: float) -> tuple[list[float], int, int]:
    """Latencies (s) of every request, the number of errors and of requests sent."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=10) as client:

        async def one() -> None:
            nonlocal errors
            start = time.perf_counter()
            try:
                response = await client.post("/v1/berekeningen", json=BODY)
                if response.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - start)

        tasks = []
        t0 = time.perf_counter()
        n = int(seconds * rate)
        for i in range(n):
            delay = t0 + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one()))
        await asyncio.gather(*tasks)
    return latencies, errors, n


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    rate = float(sys.argv[2]) if len(sys.argv) > 2 else 200.0
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).parent / "inburgering"), "serve", "--port", str(port)])
    try:
        wait_ready(url)
        asyncio.run(load(url, 3, rate))  # warm up
        latencies, errors, sent = asyncio.run(load(url, seconds, rate))
    finally:
        server.terminate()
        server.wait(timeout=10)
    ms = np.array(latencies) * 1000
    p50, p95, p99, worst = np.percentile(ms, [50, 95, 99, 100])
    print(f"{sent} requests, {errors} errors, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    lines = [
        f"Measured {dt.date.today().isoformat()} on {machine()}.",
        "",
        f"`benchmarks/bench_api.py`: `POST /v1/berekeningen` with one person under `wi2021`, open-loop at "
        f"{rate:.0f} requests per second for {seconds:.0f} s on loopback, against `inburgering serve` "
        "(one uvicorn process); the load generator (httpx, asyncio) runs on the same 2-core machine.",
        "",
        "| requests | errors | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | target |",
        "|---|---|---|---|---|---|---|",
        f"| {sent} | {errors} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {worst:.1f} | 0 errors, p99 at most 50 ms |",
    ]
    write("api", "## REST API load (issue #6)\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
