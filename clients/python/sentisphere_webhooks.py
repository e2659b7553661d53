"""Signed webhooks from the Sentisphere backend to the dashboard pipeline's ingest-service.

One file, standard library only (Python >= 3.9): copy it into the backend (it replaces the old
``laravel_webhook_service.py``). The HTTP contract it speaks is docs/contract.md, "Ingest HTTP API".

FastAPI, fire-and-forget, exactly as before::

    from sentisphere_webhooks import notify_dashboard
    asyncio.create_task(notify_dashboard("mobile_checkin"))

The module-level coroutines use a client configured from the environment:
``SENTISPHERE_INGEST_URL`` (base URL, e.g. ``http://127.0.0.1:8081``; the old
``LARAVEL_WEBHOOK_URL`` with its ``/api/dashboard/notify-update`` path is accepted too),
``SERVICES_WEBHOOK_SHARED_SECRET`` (the same value ingest-service has; the first of a
comma-separated list is used) and ``SENTISPHERE_WEBHOOK_SCHEME`` (``standard``, the default, or
``legacy``). Build a :class:`WebhookClient` (blocking) or :class:`AsyncWebhookClient` yourself for
anything else.

Guarantees:

* Every request is signed over the exact bytes sent: Standard Webhooks headers (``webhook-id``,
  ``webhook-timestamp``, ``webhook-signature``) or the legacy ``X-Webhook-Signature``.
* One logical webhook keeps one ``webhook-id`` through all its retries (the timestamp and signature
  are renewed per attempt), so ingest writes one event for a notify-update however often it is
  retried; domain events keep their own ``id``, which consumers count once.
* Connection errors, timeouts, 429 and 5xx are retried with exponential back-off and full jitter,
  never sooner than the server's ``Retry-After``, within ``deadline`` seconds in total; each attempt
  has an explicit ``timeout``. 400, 403, 413, 415 and other 4xx are never retried: they raise
  :class:`WebhookRejected` with the server's error body.
* :meth:`WebhookClient.send_events` splits a list into requests that fit the server's limits
  (500 events, ``max_body_bytes`` of body); every event of an accepted request is in Kafka.

Hazards:

* A batch split into several requests is not atomic: when request 2 of 3 fails, request 1 is
  already written. The error says which ids were accepted (``accepted_ids``); sending everything
  again is safe, because ids are idempotency keys.
* With the legacy scheme a notify-update has no id, so each retry that reached Kafka is one more
  (harmless) refresh request. Use the Standard scheme to have it counted once.
* The logger ``sentisphere_webhooks`` logs the method, path, ``webhook-id``, event count, status
  and the server's error code, never secrets or event contents.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as _dt
import email.utils
import hashlib
import hmac
import http.client
import json
import logging
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

__all__ = [
    "AsyncWebhookClient",
    "EventTooLarge",
    "RetryPolicy",
    "SendResult",
    "WebhookClient",
    "WebhookError",
    "WebhookRejected",
    "WebhookUnavailable",
    "default_client",
    "event",
    "notify_dashboard",
    "send_events",
]

__version__ = "1.0.0"

NOTIFY_PATH = "/api/dashboard/notify-update"
EVENTS_PATH = "/api/events"
MAX_BATCH_EVENTS = 500
DEFAULT_MAX_BODY_BYTES = 65536
SCHEMES = ("standard", "legacy")

log = logging.getLogger("sentisphere_webhooks")


# --- errors -------------------------------------------------------------------------------------


class WebhookError(Exception):
    """Base of every error this module raises about a webhook."""


class WebhookRejected(WebhookError):
    """The server refused the request for good (400, 403, 413, 415, other 4xx): sending the same
    request again cannot pass. ``body`` is the server's JSON error body (``{"error": ...}``) or
    ``None``; ``error`` its code, e.g. ``invalid_signature``."""

    def __init__(self, status: int, body: Optional[Dict[str, Any]], path: str, accepted_ids: Sequence[str] = ()):
        self.status = status
        self.body = body
        self.error = body.get("error") if isinstance(body, dict) else None
        self.path = path
        self.accepted_ids = list(accepted_ids)
        super().__init__(f"POST {path} rejected: {status} {self.error or 'no error body'}"
                         + _hint(status, self.error))


class WebhookUnavailable(WebhookError):
    """Every attempt failed with a retryable problem (connection error, timeout, 429, 5xx) until
    the attempts or the deadline ran out. ``status``/``body`` are the last answer's, if any;
    ``__cause__`` is the last connection error, if any."""

    def __init__(self, path: str, attempts: int, status: Optional[int], body: Optional[Dict[str, Any]],
                 reason: str, accepted_ids: Sequence[str] = ()):
        self.path = path
        self.attempts = attempts
        self.status = status
        self.body = body
        self.error = body.get("error") if isinstance(body, dict) else None
        self.accepted_ids = list(accepted_ids)
        super().__init__(f"POST {path} failed after {attempts} attempt(s): {reason}")


class EventTooLarge(WebhookError, ValueError):
    """One event alone does not fit in ``max_body_bytes``; nothing of the call was sent."""


def _hint(status: int, error: Optional[str]) -> str:
    if error == "invalid_signature":
        return " (the secret differs from ingest-service's SERVICES_WEBHOOK_SHARED_SECRET, or the body was changed after signing)"
    if error == "stale_timestamp":
        return " (this machine's clock is more than 5 minutes off the server's)"
    if status == 404:
        return " (is the URL the ingest-service base URL, e.g. http://127.0.0.1:8081?)"
    return ""


# --- configuration ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to retry. Delay before retry ``n`` (1-based) is a uniform random value in
    ``[0, min(max_delay, initial_delay * multiplier ** (n - 1))]`` (full jitter), raised to the
    server's ``Retry-After`` (plus up to 10 % jitter) when it sent one. No attempt starts after
    ``deadline`` seconds from the first."""

    max_attempts: int = 8
    initial_delay: float = 0.5
    max_delay: float = 30.0
    multiplier: float = 2.0
    deadline: float = 120.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.initial_delay < 0 or self.max_delay < 0 or self.multiplier < 1 or self.deadline <= 0:
            raise ValueError("delays must be >= 0, multiplier >= 1, deadline > 0")

    def delay(self, retry: int, retry_after: Optional[float], rng: Callable[[], float] = random.random) -> float:
        backoff = rng() * min(self.max_delay, self.initial_delay * self.multiplier ** (retry - 1))
        if retry_after is not None:
            return max(backoff, retry_after * (1 + 0.1 * rng()))
        return backoff


@dataclass(frozen=True)
class SendResult:
    """What the server accepted: every id is in Kafka. ``responses`` holds each request's body."""

    accepted_ids: List[str]
    requests: int
    responses: List[Dict[str, Any]] = field(default_factory=list)


def event(type: str, data: Mapping[str, Any], id: Optional[str] = None,
          occurred_at: Optional[_dt.datetime] = None) -> Dict[str, Any]:
    """An event envelope. ``id`` should be your domain's key (``chk-1001``): it is the idempotency
    key, so the same check-in sent twice is counted once; without one a random id is made.
    ``occurred_at`` defaults to now; a naive datetime is taken as UTC."""
    when = occurred_at or _dt.datetime.now(_dt.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return {
        "id": id or f"{type}-{uuid.uuid4().hex}",
        "type": type,
        "occurred_at": when.isoformat(timespec="seconds"),
        "data": dict(data),
    }


# --- the blocking client ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    status: Optional[int]  # None: no HTTP answer (connection error, timeout)
    body: Optional[Dict[str, Any]]
    retry_after: Optional[float]
    problem: str


class WebhookClient:
    """Blocking client (threads, scripts, workers). Thread-safe: it keeps no per-request state.

    ``url`` is ingest-service's base URL. ``secret`` is one of ``SERVICES_WEBHOOK_SHARED_SECRET``'s
    values (``whsec_<base64>`` is base64-decoded into the key, as the server does). ``timeout`` is
    per attempt, in seconds, for connecting and for each read. ``max_body_bytes`` must not exceed
    the server's ``INGEST_MAX_BODY_BYTES``.
    """

    def __init__(self, url: str, secret: str, *, scheme: str = "standard", timeout: float = 10.0,
                 retry: RetryPolicy = RetryPolicy(), max_batch_events: int = MAX_BATCH_EVENTS,
                 max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, user_agent: Optional[str] = None,
                 sleep: Callable[[float], None] = time.sleep):
        parsed = urllib.parse.urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"url must be http(s)://host[:port], got {url!r}")
        if not secret:
            raise ValueError("secret is empty: set it to ingest-service's SERVICES_WEBHOOK_SHARED_SECRET")
        if scheme not in SCHEMES:
            raise ValueError(f"scheme must be one of {SCHEMES}, got {scheme!r}")
        if timeout <= 0:
            raise ValueError("timeout must be > 0 seconds")
        if not 1 <= max_batch_events <= MAX_BATCH_EVENTS:
            raise ValueError(f"max_batch_events must be 1..{MAX_BATCH_EVENTS}")
        if max_body_bytes < 256:
            raise ValueError("max_body_bytes must be at least 256")
        self.url = url.rstrip("/")
        self.scheme = scheme
        self.timeout = timeout
        self.retry = retry
        self.max_batch_events = max_batch_events
        self.max_body_bytes = max_body_bytes
        self.user_agent = user_agent or f"sentisphere-webhooks/{__version__} python/{sys.version_info[0]}.{sys.version_info[1]}"
        self._key = _key(secret)
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"WebhookClient(url={self.url!r}, secret='****', scheme={self.scheme!r}, timeout={self.timeout})"

    def notify_dashboard(self, reason: str = "webhook", range: str = "this_week") -> Dict[str, Any]:
        """The old Laravel endpoint: asks for ``range``'s stats to be broadcast again with
        ``reason``. Returns the server's answer (``{"status": "accepted", "event_id": ...}``)."""
        body = json.dumps({"reason": reason, "stats": None, "range": range}).encode("utf-8")
        return self._post(NOTIFY_PATH, body, events=1)

    def send_events(self, events: Iterable[Mapping[str, Any]]) -> SendResult:
        """Sends domain events (envelopes, see :func:`event`), as few requests as the limits allow,
        in order. Returns once every request was accepted; raises :class:`WebhookRejected` or
        :class:`WebhookUnavailable` (with the ids accepted before) otherwise."""
        batches = self.batches(events)
        accepted: List[str] = []
        responses: List[Dict[str, Any]] = []
        for ids, body in batches:
            try:
                answer = self._post(EVENTS_PATH, body, events=len(ids))
            except WebhookError as e:
                e.accepted_ids = list(accepted)
                raise
            accepted.extend(ids)
            responses.append(answer)
        return SendResult(accepted, len(batches), responses)

    def batches(self, events: Iterable[Mapping[str, Any]]) -> List[tuple]:
        """The requests :meth:`send_events` would make: ``[(ids, body bytes), ...]``. Raises
        ``ValueError`` for an event without a string ``id``, :class:`EventTooLarge` for one that
        alone exceeds ``max_body_bytes``."""
        batches: List[tuple] = []
        ids: List[str] = []
        parts: List[bytes] = []
        size = 2  # the brackets
        for index, item in enumerate(events):
            if not isinstance(item, Mapping) or not isinstance(item.get("id"), str) or not item["id"]:
                raise ValueError(f"event [{index}] needs a non-empty string 'id' (its idempotency key)")
            encoded = json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if len(encoded) + 2 > self.max_body_bytes:
                raise EventTooLarge(f"event [{index}] is {len(encoded)} bytes, over max_body_bytes={self.max_body_bytes}")
            grown = size + len(encoded) + (1 if parts else 0)
            if parts and (grown > self.max_body_bytes or len(parts) == self.max_batch_events):
                batches.append((ids, b"[" + b",".join(parts) + b"]"))
                ids, parts, grown = [], [], 2 + len(encoded)
            ids.append(item["id"])
            parts.append(encoded)
            size = grown
        if parts:
            batches.append((ids, b"[" + b",".join(parts) + b"]"))
        return batches

    # One logical webhook: one webhook-id, attempts until accepted, rejected or out of budget.
    def _post(self, path: str, body: bytes, events: int) -> Dict[str, Any]:
        attempt = _Attempts(self, path, events)
        while True:
            answer = self._once(path, body, attempt.webhook_id)
            delay = attempt.next_delay(answer)
            if delay is None:
                return answer.body or {}
            self._sleep(delay)

    def _once(self, path: str, body: bytes, webhook_id: str) -> _Answer:
        headers = {"Content-Type": "application/json", "User-Agent": self.user_agent, "Accept": "application/json"}
        headers.update(self.sign(body, webhook_id))
        request = urllib.request.Request(self.url + path, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _Answer(response.status, _json(response.read()), None, "")
        except urllib.error.HTTPError as e:
            try:
                return _Answer(e.code, _json(e.read()), _retry_after(e.headers.get("Retry-After")), "")
            except (http.client.HTTPException, OSError):
                return _Answer(e.code, None, _retry_after(e.headers.get("Retry-After")), "")
            finally:
                e.close()
        except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
            # URLError wraps refused/reset/DNS; socket.timeout (TimeoutError) and resets are OSErrors.
            cause = getattr(e, "reason", e)
            return _Answer(None, None, None, _describe(cause))

    def sign(self, body: bytes, webhook_id: str, now: Optional[int] = None) -> Dict[str, str]:
        """The signature headers for ``body`` under this client's scheme (exposed for tests and
        for callers with their own HTTP stack)."""
        if self.scheme == "legacy":
            return {"X-Webhook-Signature": hmac.new(self._key, body, hashlib.sha256).hexdigest()}
        timestamp = str(int(time.time()) if now is None else now)
        signed = webhook_id.encode("utf-8") + b"." + timestamp.encode("ascii") + b"." + body
        signature = base64.b64encode(hmac.new(self._key, signed, hashlib.sha256).digest()).decode("ascii")
        return {"webhook-id": webhook_id, "webhook-timestamp": timestamp, "webhook-signature": f"v1,{signature}"}


class _Attempts:
    """The retry state of one logical webhook."""

    def __init__(self, client: WebhookClient, path: str, events: int):
        self.client = client
        self.path = path
        self.events = events
        self.webhook_id = f"msg_{uuid.uuid4().hex}"
        self.started = time.monotonic()
        self.attempts = 0

    def next_delay(self, answer: _Answer) -> Optional[float]:
        """None when done (accepted); the seconds to wait before the next attempt; or raises."""
        self.attempts += 1
        status = answer.status
        if status is not None and 200 <= status < 300:
            if self.attempts > 1:
                log.info("POST %s (%s, %d event(s)) accepted on attempt %d", self.path, self.webhook_id,
                         self.events, self.attempts)
            return None
        retryable = status is None or status == 429 or status >= 500
        problem = answer.problem if status is None else f"{status} {_error_code(answer.body) or 'no error body'}"
        if not retryable:
            log.warning("POST %s (%s, %d event(s)) rejected: %s, not retried", self.path, self.webhook_id,
                        self.events, problem)
            raise WebhookRejected(status, answer.body, self.path)
        policy = self.client.retry
        if self.attempts >= policy.max_attempts:
            self._give_up(answer, problem, "no attempts left")
        delay = policy.delay(self.attempts, answer.retry_after)
        remaining = policy.deadline - (time.monotonic() - self.started)
        if delay >= remaining:
            self._give_up(answer, problem, f"the {policy.deadline:g} s deadline would pass before the next attempt")
        log.warning("POST %s (%s, %d event(s)) attempt %d failed: %s; retrying in %.1f s", self.path,
                    self.webhook_id, self.events, self.attempts, problem, delay)
        return delay

    def _give_up(self, answer: _Answer, problem: str, why: str) -> None:
        log.error("POST %s (%s, %d event(s)) failed after %d attempt(s): %s; %s", self.path, self.webhook_id,
                  self.events, self.attempts, problem, why)
        raise WebhookUnavailable(self.path, self.attempts, answer.status, answer.body, f"{problem}; {why}")


# --- the asyncio client -------------------------------------------------------------------------


class AsyncWebhookClient:
    """The same client for asyncio (FastAPI). Each HTTP attempt runs in a worker thread
    (``asyncio.to_thread``) and back-off waits are ``asyncio.sleep``, so the event loop is never
    blocked and a long Kafka outage holds no thread while it waits. Cancelling the task stops the
    retries (an attempt already in flight still completes in its thread)."""

    def __init__(self, url: str, secret: str, **options: Any):
        options.pop("sleep", None)
        self._client = WebhookClient(url, secret, **options)

    @property
    def client(self) -> WebhookClient:
        return self._client

    def __repr__(self) -> str:
        return "Async" + repr(self._client)

    async def notify_dashboard(self, reason: str = "webhook", range: str = "this_week") -> Dict[str, Any]:
        """As :meth:`WebhookClient.notify_dashboard`."""
        body = json.dumps({"reason": reason, "stats": None, "range": range}).encode("utf-8")
        return await self._post(NOTIFY_PATH, body, events=1)

    async def send_events(self, events: Iterable[Mapping[str, Any]]) -> SendResult:
        """As :meth:`WebhookClient.send_events`."""
        batches = self._client.batches(events)
        accepted: List[str] = []
        responses: List[Dict[str, Any]] = []
        for ids, body in batches:
            try:
                answer = await self._post(EVENTS_PATH, body, events=len(ids))
            except WebhookError as e:
                e.accepted_ids = list(accepted)
                raise
            accepted.extend(ids)
            responses.append(answer)
        return SendResult(accepted, len(batches), responses)

    async def _post(self, path: str, body: bytes, events: int) -> Dict[str, Any]:
        attempt = _Attempts(self._client, path, events)
        while True:
            answer = await asyncio.to_thread(self._client._once, path, body, attempt.webhook_id)
            delay = attempt.next_delay(answer)
            if delay is None:
                return answer.body or {}
            await asyncio.sleep(delay)


# --- module-level drop-ins ----------------------------------------------------------------------

_default: Optional[AsyncWebhookClient] = None


def default_client() -> AsyncWebhookClient:
    """The client the module-level coroutines use, built once from the environment (see the module
    docstring); raises ``RuntimeError`` naming what is missing."""
    global _default
    if _default is None:
        url = os.environ.get("SENTISPHERE_INGEST_URL") or _base_url(os.environ.get("LARAVEL_WEBHOOK_URL", ""))
        secret = os.environ.get("SERVICES_WEBHOOK_SHARED_SECRET", "").split(",")[0].strip()
        missing = [name for name, value in (("SENTISPHERE_INGEST_URL", url), ("SERVICES_WEBHOOK_SHARED_SECRET", secret)) if not value]
        if missing:
            raise RuntimeError("sentisphere_webhooks: set " + " and ".join(missing))
        _default = AsyncWebhookClient(url, secret, scheme=os.environ.get("SENTISPHERE_WEBHOOK_SCHEME", "standard"))
    return _default


async def notify_dashboard(reason: str = "webhook", range: str = "this_week") -> Dict[str, Any]:
    """``asyncio.create_task(notify_dashboard("mobile_checkin"))``: as the old
    ``notify_laravel_dashboard``, through :func:`default_client`. Failures are logged by the
    ``sentisphere_webhooks`` logger and raised into the task."""
    return await default_client().notify_dashboard(reason, range)


async def send_events(events: Iterable[Mapping[str, Any]]) -> SendResult:
    """Domain events through :func:`default_client`; see :meth:`WebhookClient.send_events`."""
    return await default_client().send_events(events)


# --- helpers ------------------------------------------------------------------------------------


def _key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret[len("whsec_"):], validate=True)
        except ValueError as e:
            raise ValueError("a whsec_ secret must be base64 after the prefix") from e
    return secret.encode("utf-8")


def _base_url(url: str) -> str:
    for path in (NOTIFY_PATH, EVENTS_PATH):
        if url.rstrip("/").endswith(path):
            return url.rstrip("/")[: -len(path)]
    return url


def _json(raw: bytes) -> Optional[Dict[str, Any]]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _error_code(body: Optional[Dict[str, Any]]) -> Optional[str]:
    return body.get("error") if isinstance(body, dict) else None


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After as seconds: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return max(0.0, (when - _dt.datetime.now(_dt.timezone.utc)).total_seconds())


def _describe(cause: Any) -> str:
    if isinstance(cause, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(cause, BaseException):
        return f"{type(cause).__name__}: {cause}"
    return str(cause)


# --- command line -------------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python3 -m sentisphere_webhooks --url URL --secret SECRET test``: one signed test webhook,
    its answer printed. Exit status 0 accepted, 1 rejected, 2 unavailable, 64 usage."""
    parser = argparse.ArgumentParser(prog="python3 -m sentisphere_webhooks",
                                     description="Send signed webhooks to the Sentisphere ingest-service.")
    parser.add_argument("--url", default=os.environ.get("SENTISPHERE_INGEST_URL"),
                        help="ingest-service base URL (default: $SENTISPHERE_INGEST_URL)")
    parser.add_argument("--secret", default=None,
                        help="shared secret (default: $SERVICES_WEBHOOK_SHARED_SECRET; prefer the variable, "
                             "arguments are visible to other users of the machine)")
    parser.add_argument("--scheme", choices=SCHEMES, default=os.environ.get("SENTISPHERE_WEBHOOK_SCHEME", "standard"))
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per attempt (default 10)")
    parser.add_argument("--deadline", type=float, default=30.0, help="seconds for all attempts (default 30)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log each retry")
    commands = parser.add_subparsers(dest="command", required=True)
    test = commands.add_parser("test", help="send one notify-update, as the old guide's curl step")
    test.add_argument("--reason", default="test")
    test.add_argument("--range", default="this_week")
    send = commands.add_parser("send", help="send domain events from a JSON file (an object or an array; - for stdin)")
    send.add_argument("file")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR, format="%(levelname)s %(message)s")
    secret = args.secret or os.environ.get("SERVICES_WEBHOOK_SHARED_SECRET", "").split(",")[0].strip()
    if not args.url or not secret:
        parser.print_usage(sys.stderr)
        print("error: --url and --secret (or SENTISPHERE_INGEST_URL and SERVICES_WEBHOOK_SHARED_SECRET) are required",
              file=sys.stderr)
        return 64
    try:
        client = WebhookClient(_base_url(args.url), secret, scheme=args.scheme, timeout=args.timeout,
                               retry=RetryPolicy(deadline=args.deadline))
        if args.command == "test":
            answer: Any = client.notify_dashboard(args.reason, args.range)
        else:
            with (sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")) as source:
                loaded = json.load(source)
            result = client.send_events(loaded if isinstance(loaded, list) else [loaded])
            answer = {"status": "accepted", "count": len(result.accepted_ids), "requests": result.requests}
    except WebhookRejected as e:
        print(f"rejected: HTTP {e.status} {json.dumps(e.body)}", file=sys.stderr)
        print(str(e), file=sys.stderr)
        return 1
    except WebhookUnavailable as e:
        print(f"unavailable: {e}", file=sys.stderr)
        return 2
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 64
    print(f"accepted: HTTP 200 {json.dumps(answer)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
