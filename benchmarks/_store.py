"""Shared by the API benchmarks: a synthetic store of N documents (built once, reused by file name) and a
``newsgraph serve`` process on a free 127.0.0.1 port that the benchmark stops itself."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "bench"


def synthetic_store(n_docs: int, seed: int = 7) -> str:
    """sqlite URL of a store with ``n_docs`` synthetic reports (one event each), built if missing."""
    from rich.progress import Progress

    from newsgraph.api.synth import build_store

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"synthetic_{n_docs}_{seed}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        tmp = path.with_suffix(".partial.db")
        tmp.unlink(missing_ok=True)
        with Progress(transient=True) as progress:
            task = progress.add_task(f"building a {n_docs}-document store", total=n_docs)
            build_store(f"sqlite:///{tmp}", n_docs, seed=seed,
                        progress=lambda done: progress.update(task, completed=done))
        tmp.rename(path)
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """``newsgraph serve`` in its own process (so the load generator does not share its interpreter)."""

    def __init__(self, db_url: str, workers: int = 1) -> None:
        self.db_url, self.workers = db_url, workers
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        env = {k: v for k, v in os.environ.items() if k != "NEWSGRAPH_API_TOKEN"}
        self.proc = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", self.db_url,
                                      "--port", str(self.port), "--workers", str(self.workers)], env=env, stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if httpx.get(f"{base}/api/summary", timeout=2).status_code == 200:
                    return base
            except httpx.HTTPError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("newsgraph serve did not start")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server and its worker processes."""
        import psutil

        if not self.proc:
            return 0.0
        root = psutil.Process(self.proc.pid)
        total = 0.0
        for p in [root, *root.children(recursive=True)]:
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return total

    def __exit__(self, *exc: object) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
