"""The portal's processes for fault tests, each on its own loopback port, started and stopped by the tests.

- `free_port()`: a free TCP port on 127.0.0.1.
- `RedisServer`: an own `redis-server` (no persistence) on a free port, stopped and started again on
  the same port; `RedisProxy`: a loopback proxy in front of it that can be made to hang (accepts
  connections and data, never answers), like a Redis that stopped responding.
- `portal_environment(...)`: the environment of a portal process: production settings (see
  tests/faults/settings.py), a database, a Redis, a media folder and a mail URL of the test's own.
- `start_gunicorn(...)`, `start_worker(...)`: gunicorn and `celery worker` with that environment,
  returned once they answer (bounded waits); `Service.stop()` terminates, then kills, the process
  group, `Service.kill()` is SIGKILL at once (a crash).
- `Stack`: keeps every started process and stops all of them at the end (fixture `stack`), also when
  the test fails.

Everything listens on 127.0.0.1 only and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .net import HOST, free_port, port_open, wait_until
from .servers import RedisProxy, SmtpSink

__all__ = ["HOST", "RedisProxy", "SmtpSink", "free_port", "port_open", "wait_until"]

ROOT = Path(__file__).resolve().parents[2]
#: The settings module of the portal's processes: production, with the changes a test run needs.
SETTINGS = "tests.faults.settings"


# --- processes ------------------------------------------------------------------------------------


@dataclass
class Service:
    """A process started in its own process group, its output in `log`."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path
    port: int | None = None
    ready_check: Callable[[], Any] | None = None
    ready_timeout: float = 60
    #: gunicorn stops at once on SIGINT (SIGTERM waits for its graceful timeout).
    stop_signal: int = signal.SIGTERM

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")
        except OSError:
            return ""

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM to the process; SIGKILL to its group when it has not ended after `timeout` seconds."""
        if self.alive():
            # The leader only: gunicorn's master and celery's main process stop their own children.
            self.process.send_signal(self.stop_signal)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        self.kill()  # whatever is left of the group

    def kill(self) -> None:
        """SIGKILL the whole group at once: the process and its children die without cleaning up."""
        self._kill_group()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def _kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)


def spawn(
    name: str, command: list[str], *, env: dict[str, str], log_dir: Path, port: int | None = None
) -> Service:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Service(name=name, process=process, log=log_path, port=port)


def _started(service: Service, ready: Callable[[], Any], *, timeout: float) -> Service:
    def check() -> Any:
        if not service.alive():
            raise RuntimeError(f"{service.name} exited while starting:\n{service.log_text()[-3000:]}")
        return ready()

    try:
        wait_until(check, timeout=timeout, what=f"{service.name} answering")
    except BaseException:
        service.stop()
        raise
    return service


# --- Redis ----------------------------------------------------------------------------------------


class RedisServer:
    """An own redis-server on a free loopback port, without persistence; start() again reuses the port."""

    def __init__(self, log_dir: Path, *, name: str = "redis") -> None:
        self.log_dir, self.name = log_dir, name
        self.port = free_port()
        self.service: Service | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://{HOST}:{self.port}/{db}"

    def start(self, timeout: float = 15) -> RedisServer:
        command = [
            "redis-server",
            "--port", str(self.port),
            "--bind", HOST,
            "--save", "",
            "--appendonly", "no",
        ]  # fmt: skip
        self.service = spawn(self.name, command, env=dict(os.environ), log_dir=self.log_dir, port=self.port)
        _started(self.service, self.ping, timeout=timeout)
        return self

    def ping(self) -> bool:
        import redis

        client = redis.Redis(host=HOST, port=self.port, socket_connect_timeout=0.5, socket_timeout=0.5)
        try:
            return bool(client.ping())
        finally:
            client.close()

    def stop(self) -> None:
        if self.service is not None:
            self.service.stop()
            wait_until(lambda: not port_open(self.port), timeout=10, what=f"{self.name} port closed")


# --- the portal -----------------------------------------------------------------------------------


def database_url(settings_dict: dict[str, Any]) -> str:
    """A postgres:// URL for a Django database settings dict (the test process's own database)."""
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or HOST
    return f"postgres://{auth}{host}:{settings_dict.get('PORT') or 5432}/{settings_dict['NAME']}"


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def portal_environment(
    *,
    database_url: str,
    redis_url: str,
    media_root: Path,
    email_url: str,
    broker_url: str | None = None,
    allowed_hosts: str = "127.0.0.1,localhost",
    **extra: str,
) -> dict[str, str]:
    """The environment of a portal process (web or worker) for a fault test.

    Production settings with a throwaway secret key, plain http on loopback (no TLS redirect, no
    HSTS), tasks through the broker (never eager), the given database, Redis (cache and broker) and
    mail URL. `extra` adds or overrides variables.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "PORTAL_", "EMAIL_", "REDIS_", "PYTEST_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_ALLOWED_HOSTS": allowed_hosts,
            "PORTAL_REQUIRE_MFA": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": broker_url or redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_URL": email_url,
            "PORTAL_MEDIA_ROOT": str(media_root),
            "PORTAL_VAR_DIR": str(media_root.parent / "var"),
            "PORTAL_BASE_URL": "http://127.0.0.1",
            "PORTAL_LOG_LEVEL": "INFO",
        }
    )
    env.update(extra)
    return env


def http_status(port: int, path: str, timeout: float = 5) -> int:
    import http.client

    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def start_gunicorn(
    env: dict[str, str],
    *,
    log_dir: Path,
    name: str = "gunicorn",
    port: int | None = None,
    workers: int = 2,
    threads: int = 2,
    probe: str = "/healthz",
    timeout: float = 90,
    wait: bool = True,
) -> Service:
    """gunicorn serving the portal on 127.0.0.1:`port` (free by default), returned once `probe` gives
    any HTTP answer (the health check answers 503 while a part is down). The application is loaded
    once before the workers fork (quicker on a busy machine). `wait=False` returns at once: then
    call `ready(service)`."""
    port = port or free_port()
    command = [
        sys.executable, "-m", "gunicorn", "portal.wsgi:application",
        "--bind", f"{HOST}:{port}",
        "--workers", str(workers),
        "--threads", str(threads),
        "--worker-class", "gthread",
        "--timeout", "60",
        "--graceful-timeout", "5",
        "--log-level", "warning",
        "--preload",
    ]  # fmt: skip
    service = spawn(name, command, env=env, log_dir=log_dir, port=port)
    service.stop_signal = signal.SIGINT
    service.ready_check = lambda: http_status(port, probe) in range(200, 600)
    service.ready_timeout = timeout
    return ready(service) if wait else service


def start_worker(
    env: dict[str, str],
    *,
    log_dir: Path,
    name: str = "worker",
    concurrency: int = 1,
    pool: str = "prefork",
    queues: str | None = None,
    timeout: float = 90,
    wait: bool = True,
) -> Service:
    """`celery -A portal worker` with the given environment, once it logs that it is ready.

    Prefork by default, like production: the main process keeps talking to the broker while a child
    runs the task. Each start appends to the same log; readiness counts the "ready." lines.
    """
    command = [
        sys.executable, "-m", "celery", "-A", "portal", "worker",
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "-n", f"{name}-{secrets.token_hex(3)}@%h",
    ]  # fmt: skip
    if queues:
        command += ["-Q", queues]
    log_path = log_dir / f"{name}.log"
    before = log_path.read_text(errors="replace").count(" ready.") if log_path.exists() else 0
    service = spawn(name, command, env=env, log_dir=log_dir)
    service.ready_check = lambda: service.log_text().count(" ready.") > before
    service.ready_timeout = timeout
    return ready(service) if wait else service


def ready(*services: Service) -> Service:
    """Wait until each service (started with wait=False) answers; returns the first. Started side by
    side, a web server and a worker load the portal at the same time."""
    for service in services:
        assert service.ready_check is not None, f"{service.name} has no readiness check"
        _started(service, service.ready_check, timeout=service.ready_timeout)
    return services[0]


def task_count(service: Service, task: str, outcome: str = "succeeded") -> int:
    """How many times the worker's log says the task `task` (its full name) ended with `outcome`."""
    return len(re.findall(rf"Task {re.escape(task)}\[[^\]]+\] {outcome}", service.log_text()))


@dataclass
class Stack:
    """Every process and server a test started; `close()` stops them all (the fixture calls it)."""

    log_dir: Path
    services: list[Service] = field(default_factory=list)
    closers: list[Callable[[], None]] = field(default_factory=list)

    def redis(self, name: str = "redis") -> RedisServer:
        server = RedisServer(self.log_dir, name=name)
        self.closers.append(server.stop)
        return server.start()

    def redis_proxy(self, target_port: int) -> RedisProxy:
        proxy = RedisProxy(target_port)
        self.closers.append(proxy.stop)
        return proxy.start()

    def gunicorn(self, env: dict[str, str], **kwargs: Any) -> Service:
        service = start_gunicorn(env, log_dir=self.log_dir, **kwargs)
        self.services.append(service)
        return service

    def worker(self, env: dict[str, str], **kwargs: Any) -> Service:
        service = start_worker(env, log_dir=self.log_dir, **kwargs)
        self.services.append(service)
        return service

    def portal(self, env: dict[str, str], **web: Any) -> tuple[Service, Service]:
        """gunicorn and a worker with the same environment, started side by side."""
        server = start_gunicorn(env, log_dir=self.log_dir, wait=False, **web)
        self.services.append(server)
        worker = start_worker(env, log_dir=self.log_dir, wait=False)
        self.services.append(worker)
        ready(server, worker)
        return server, worker

    def close(self) -> None:
        """Stop every process side by side (each within its own bounded wait), then the servers."""
        stoppers = [threading.Thread(target=service.stop) for service in self.services]
        for thread in stoppers:
            thread.start()
        for thread in stoppers:
            thread.join(timeout=30)
        for closer in reversed(self.closers):
            with contextlib.suppress(Exception):
                closer()


def send_task(broker_url: str, name: str, **kwargs: Any) -> None:
    """Queue the task `name` (with keyword arguments) on a stack's broker, routed like the portal does;
    what beat would send on its schedule, sent now."""
    from kombu import Connection

    from portal.celery import app

    options = {"socket_timeout": 2, "socket_connect_timeout": 2}
    with Connection(broker_url, connect_timeout=2, transport_options=options) as connection:
        app.send_task(name, kwargs=kwargs, connection=connection)
