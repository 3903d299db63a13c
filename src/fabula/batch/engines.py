"""Engines run worker payloads and yield results as they finish, in any order.

``LocalEngine`` keeps its own worker processes (one task each at a time, so a crash is pinned
to the document that caused it, the worker is replaced and the job goes on).  ``RayEngine``
runs the same function as Ray tasks, locally or on an existing cluster.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import signal
import sys
import time
from multiprocessing.connection import wait
from typing import Iterable, Iterator

from fabula.batch.worker import analyse, error_result
from fabula.errors import FabulaError


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when its parent dies (``kill -9`` of the job)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _watch(lifeline) -> None:
    """Exit as soon as the driver is gone (``kill -9``), even in the middle of a document."""
    try:
        lifeline.recv()  # the driver never writes: this returns only at EOF, when it dies
    except (EOFError, OSError):
        pass
    os._exit(0)


def _serve(conn, lifeline, options: dict) -> None:
    """A worker process: load the model once, then analyse payloads until told to stop."""
    import threading

    _die_with_parent()
    threading.Thread(target=_watch, args=(lifeline,), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the driver handles Ctrl-C and stops us
    from fabula.batch.worker import warm_up

    try:
        warm_up()
    except Exception:  # reported per document by analyse()
        pass
    try:
        conn.send("ready")  # timeouts count from here, not from the model load
    except (OSError, ValueError):
        return
    while True:
        try:
            payload = conn.recv()
        except (EOFError, OSError):
            return
        if payload is None:
            return
        conn.send(analyse(payload, options))


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            return f"worker killed by {signal.Signals(-code).name}"
        except ValueError:
            pass
    return f"worker died (exit code {code})"


class _Slot:
    def __init__(self, ctx, lifeline, options: dict):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, lifeline, options), daemon=True)
        self.proc.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        if kill and self.proc.is_alive():
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                pass
        self.proc.join(5 if not kill else None)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class LocalEngine:
    name = "local"

    def __init__(self, workers: int, timeout: float | None = None):
        self.workers = max(1, workers)
        self.timeout = timeout

    def _context(self):
        methods = mp.get_all_start_methods()
        if "forkserver" in methods:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(["fabula.batch.worker", "fabula.pipeline", "fabula.export.tables"])
            return ctx
        return mp.get_context("spawn")

    def imap(self, payloads: Iterable[dict], options: dict) -> Iterator[dict]:
        ctx = self._context()
        lifeline, alive = ctx.Pipe(duplex=False)  # only this process holds ``alive``
        starting = [_Slot(ctx, lifeline, options) for _ in range(self.workers)]  # loading the model
        idle: list[_Slot] = []
        busy: dict[_Slot, tuple[dict, float]] = {}  # slot -> (payload, when it was sent)
        failed_starts = 0
        source = iter(payloads)
        exhausted = False
        try:
            while True:
                while idle and not exhausted:
                    payload = next(source, None)
                    if payload is None:
                        exhausted = True
                        break
                    slot = idle.pop()
                    try:
                        slot.conn.send(payload)
                    except (OSError, ValueError):  # died while idle: replace it, resend the payload
                        slot.stop(kill=True)
                        starting.append(_Slot(ctx, lifeline, options))
                        source = itertools.chain([payload], source)
                        continue
                    busy[slot] = (payload, time.monotonic())
                if not busy and (exhausted or not starting):
                    return
                watched = [*starting, *busy]
                ready = set(wait([s.conn for s in watched] + [s.proc.sentinel for s in watched], timeout=1.0))
                for slot in list(starting):
                    message = _receive(slot, ready)
                    if message is None:
                        continue
                    starting.remove(slot)
                    if message is _DEAD:
                        failed_starts += 1
                        if failed_starts >= 3 and not idle and not busy and not starting:
                            raise FabulaError(f"batch workers cannot start: {_death(slot.proc.exitcode)}")
                        slot.stop(kill=True)
                        starting.append(_Slot(ctx, lifeline, options))
                    else:
                        failed_starts = 0
                        idle.append(slot)
                finished: list[dict] = []
                for slot in list(busy):
                    payload, sent = busy[slot]
                    message = _receive(slot, ready)
                    healthy = isinstance(message, dict)
                    if message is _DEAD:
                        result = error_result(payload["doc_id"], "crash", _death(slot.proc.exitcode))
                    elif healthy:
                        result = message
                    elif self.timeout and time.monotonic() - sent > self.timeout:
                        result = error_result(payload["doc_id"], "timeout", f"took longer than {self.timeout:g} s")
                    else:
                        continue
                    del busy[slot]
                    if healthy:
                        idle.append(slot)
                    else:
                        slot.stop(kill=True)
                        starting.append(_Slot(ctx, lifeline, options))
                    finished.append(result)
                yield from finished
        finally:
            for slot in [*starting, *idle, *busy]:
                slot.stop(kill=bool(busy or starting))
            alive.close()
            lifeline.close()


_DEAD = object()


def _receive(slot: _Slot, ready: set):
    """The slot's next message, ``_DEAD`` if its process is gone, or None if nothing yet."""
    if slot.conn not in ready and slot.proc.sentinel not in ready:
        return None
    try:
        if slot.conn.poll():
            return slot.conn.recv()
    except (EOFError, OSError):
        pass
    if slot.proc.is_alive():
        return None
    slot.proc.join(1)
    return _DEAD


def import_ray():
    try:
        import ray
    except ImportError:
        raise FabulaError("--engine ray needs Ray: pip install 'fabula[ray]'") from None
    return ray


def check_reachable(address: str, timeout: float = 5.0) -> None:
    """Ray retries an unreachable head for minutes, silently: try the port first, fail in one line."""
    import socket

    hostport = address.removeprefix("ray://")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", "local" and the like: Ray resolves them itself
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise FabulaError(f"cannot reach a Ray cluster at {address} ({exc.strerror or exc})") from None


class RayEngine:
    name = "ray"

    def __init__(self, workers: int | None, address: str | None = None, timeout: float | None = None):
        self.workers, self.address, self.timeout = workers, address, timeout

    def imap(self, payloads: Iterable[dict], options: dict) -> Iterator[dict]:
        import logging

        ray = import_ray()
        started = not ray.is_initialized()
        if started:
            kwargs = dict(include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
            try:
                if self.address:
                    check_reachable(self.address)
                    ray.init(address=self.address, **kwargs)
                else:
                    ray.init(num_cpus=self.workers or os.cpu_count() or 1, **kwargs)
            except FabulaError:
                raise
            except Exception as exc:  # a refused connection, a port in use: one line, not a traceback
                where = self.address or "a local Ray"
                raise FabulaError(f"cannot start {where}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
        try:
            task = ray.remote(num_cpus=1, max_retries=0)(analyse)
            window = 2 * max(1, int(self.workers or ray.cluster_resources().get("CPU", 1)))
            inflight: dict = {}
            source = iter(payloads)
            exhausted = False
            while True:
                while len(inflight) < window and not exhausted:
                    payload = next(source, None)
                    if payload is None:
                        exhausted = True
                        break
                    inflight[task.remote(payload, options)] = payload["doc_id"]
                if not inflight:
                    return
                ready, _ = ray.wait(list(inflight), num_returns=1, timeout=self.timeout)
                if not ready:
                    for ref, doc_id in list(inflight.items()):
                        ray.cancel(ref, force=True)
                        del inflight[ref]
                        yield error_result(doc_id, "timeout", f"no result within {self.timeout:g} s")
                    continue
                for ref in ready:
                    doc_id = inflight.pop(ref)
                    try:
                        result = ray.get(ref)
                    except ray.exceptions.RayError as exc:
                        result = error_result(doc_id, "crash", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
                    yield result
        finally:
            if started:
                ray.shutdown()
