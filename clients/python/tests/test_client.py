"""sentisphere_webhooks without infrastructure: signatures against published vectors, batch
splitting, the retry policy, and the HTTP behaviour against a scripted loopback server for the
answers the real ingest-service cannot be made to give on demand (429, 500, an HTTP-date
Retry-After, a hung connection). The real-server cases are in test_against_ingest.py."""

import ast
import asyncio
import contextlib
import email.utils
import io
import json
import logging
import os
import pathlib
import queue
import socket
import sys
import tempfile
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import sentisphere_webhooks as webhooks  # noqa: E402


class ScriptedIngest:
    """A loopback HTTP server answering each POST with the next scripted (status, headers, body);
    it records every request's path, headers and body."""

    def __init__(self, *answers):
        self.answers = queue.Queue()
        for answer in answers:
            self.answers.put(answer)
        self.requests = []
        self.hold = None  # a threading.Event the handler waits for before answering
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                if outer.hold is not None:
                    outer.hold.wait(10)
                status, headers, answer = outer.answers.get_nowait()
                payload = json.dumps(answer).encode() if answer is not None else b""
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client that timed out and left: expected in the timeout test

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        if self.hold is not None:
            self.hold.set()
        self.server.shutdown()
        self.server.server_close()


ACCEPTED = (200, {}, {"status": "accepted", "event_id": "e-1", "reason": "r", "range": "this_week"})


def checkin(i, comment_bytes=0):
    return webhooks.event("checkin.created", {
        "checkin_id": i, "user_id": i % 97, "mood_level": "Okay", "energy_level": "High",
        "stress_level": "Low Stress", "feel_better": "Yes", "comment": "x" * comment_bytes}, id=f"chk-{i}")


class Recorder:
    """Stands in for time.sleep: records the delays instead of waiting."""

    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


class SignatureTest(unittest.TestCase):

    def test_standard_webhooks_signature_matches_the_specifications_test_vector(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        headers = client.sign(b'{"test": 2432232314}', "msg_p5jXN8AQM9LWM0D4loKWxJek", now=1614265330)
        self.assertEqual(headers, {
            "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp": "1614265330",
            "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        })

    def test_legacy_signature_is_the_lowercase_hex_hmac_of_the_body(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "key", scheme="legacy")
        self.assertEqual(client.sign(b"The quick brown fox jumps over the lazy dog", "unused"),
                         {"X-Webhook-Signature": "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"})

    def test_the_secret_never_appears_in_the_clients_repr(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "s3cr3t-value")
        self.assertNotIn("s3cr3t-value", repr(client))
        self.assertNotIn("s3cr3t-value", repr(webhooks.AsyncWebhookClient("http://127.0.0.1:1", "s3cr3t-value")))

    def test_bad_configuration_is_refused_with_what_to_fix(self):
        for kwargs, message in (
                ({"url": "127.0.0.1:8081", "secret": "s"}, "url must be"),
                ({"url": "http://127.0.0.1:8081", "secret": ""}, "SERVICES_WEBHOOK_SHARED_SECRET"),
                ({"url": "http://127.0.0.1:8081", "secret": "s", "scheme": "hmac"}, "scheme must be"),
                ({"url": "http://127.0.0.1:8081", "secret": "whsec_***"}, "base64"),
                ({"url": "http://127.0.0.1:8081", "secret": "s", "timeout": 0}, "timeout")):
            with self.subTest(kwargs=kwargs), self.assertRaisesRegex(ValueError, message):
                webhooks.WebhookClient(**kwargs)


class BatchTest(unittest.TestCase):

    def test_batches_hold_at_most_500_events(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "s", max_body_bytes=10_000_000)
        batches = client.batches(checkin(i) for i in range(1201))
        self.assertEqual([len(ids) for ids, _ in batches], [500, 500, 201])

    def test_batches_fit_the_body_limit_and_keep_every_event_in_order(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "s")
        events = [checkin(i, comment_bytes=700) for i in range(300)]
        batches = client.batches(events)
        self.assertGreater(len(batches), 3)
        sent = []
        for ids, body in batches:
            self.assertLessEqual(len(body), webhooks.DEFAULT_MAX_BODY_BYTES)
            decoded = json.loads(body)
            self.assertEqual([e["id"] for e in decoded], ids)
            sent.extend(decoded)
        self.assertEqual(sent, events)
        # and the packing is tight: adding the next batch's first event would overflow
        for (ids, body), (next_ids, next_body) in zip(batches, batches[1:]):
            first = json.dumps(json.loads(next_body)[0], ensure_ascii=False, separators=(",", ":")).encode()
            self.assertGreater(len(body) + 1 + len(first), webhooks.DEFAULT_MAX_BODY_BYTES)

    def test_body_size_counts_utf8_bytes_not_characters(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "s", max_body_bytes=1000)
        events = [webhooks.event("activity.logged", {"user_id": 1, "action": "é" * 60, "target_type": "t"}, id=f"a{i}")
                  for i in range(20)]
        for _, body in client.batches(events):
            self.assertLessEqual(len(body), 1000)

    def test_an_event_that_alone_exceeds_the_limit_is_refused_before_anything_is_sent(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "s", max_body_bytes=1000)
        with self.assertRaisesRegex(webhooks.EventTooLarge, r"event \[1\]"):
            client.batches([checkin(0), checkin(1, comment_bytes=2000)])

    def test_every_event_needs_an_id(self):
        client = webhooks.WebhookClient("http://127.0.0.1:1", "s")
        with self.assertRaisesRegex(ValueError, r"event \[0\] needs a non-empty string 'id'"):
            client.batches([{"type": "checkin.created", "occurred_at": "2026-11-26T08:15:00Z", "data": {}}])


class RetryPolicyTest(unittest.TestCase):

    def test_backoff_is_exponential_with_full_jitter_and_capped(self):
        policy = webhooks.RetryPolicy(initial_delay=0.5, max_delay=4.0)
        self.assertEqual([policy.delay(n, None, rng=lambda: 1.0) for n in range(1, 6)], [0.5, 1.0, 2.0, 4.0, 4.0])
        self.assertEqual(policy.delay(3, None, rng=lambda: 0.0), 0.0)

    def test_retry_after_is_a_lower_bound(self):
        policy = webhooks.RetryPolicy(initial_delay=0.5)
        self.assertEqual(policy.delay(1, 5.0, rng=lambda: 0.0), 5.0)
        self.assertAlmostEqual(policy.delay(1, 5.0, rng=lambda: 1.0), 5.5)

    def test_retry_after_is_read_as_seconds_or_as_an_http_date(self):
        self.assertEqual(webhooks._retry_after("5"), 5.0)
        in_a_minute = email.utils.formatdate(time.time() + 60, usegmt=True)
        self.assertAlmostEqual(webhooks._retry_after(in_a_minute), 60, delta=2)
        self.assertIsNone(webhooks._retry_after("soon"))
        self.assertIsNone(webhooks._retry_after(None))


class HttpBehaviourTest(unittest.TestCase):

    def test_429_and_5xx_are_retried_honouring_retry_after_under_one_webhook_id(self):
        sleep = Recorder()
        with ScriptedIngest((429, {"Retry-After": "3"}, {"error": "too_many"}),
                            (500, {}, None),
                            (503, {"Retry-After": "1"}, {"error": "kafka_unavailable"}),
                            ACCEPTED) as ingest:
            client = webhooks.WebhookClient(ingest.url, "s", sleep=sleep)
            answer = client.notify_dashboard("mobile_checkin")
        self.assertEqual(answer["status"], "accepted")
        self.assertEqual(len(ingest.requests), 4)
        self.assertGreaterEqual(sleep.delays[0], 3.0)
        self.assertGreaterEqual(sleep.delays[2], 1.0)
        ids = {headers["webhook-id"] for _, headers, _ in ingest.requests}
        self.assertEqual(len(ids), 1, "every attempt of one webhook carries the same webhook-id")
        self.assertEqual({body for _, _, body in ingest.requests},
                         {b'{"reason": "mobile_checkin", "stats": null, "range": "this_week"}'})

    def test_each_new_webhook_gets_a_new_webhook_id(self):
        with ScriptedIngest(ACCEPTED, ACCEPTED) as ingest:
            client = webhooks.WebhookClient(ingest.url, "s")
            client.notify_dashboard("a")
            client.notify_dashboard("b")
        self.assertNotEqual(ingest.requests[0][1]["webhook-id"], ingest.requests[1][1]["webhook-id"])

    def test_4xx_answers_raise_a_typed_error_with_the_servers_body_and_are_not_retried(self):
        for status, body in ((400, {"error": "invalid_payload", "details": [{"field": "range", "problem": "unknown"}]}),
                             (403, {"error": "invalid_signature"}),
                             (413, {"error": "payload_too_large", "limit_bytes": 65536}),
                             (415, {"error": "unsupported_media_type", "expected": "application/json"})):
            with self.subTest(status=status), ScriptedIngest((status, {}, body)) as ingest:
                sleep = Recorder()
                client = webhooks.WebhookClient(ingest.url, "s", sleep=sleep)
                with self.assertRaises(webhooks.WebhookRejected) as raised:
                    client.notify_dashboard("x")
                self.assertEqual((raised.exception.status, raised.exception.body), (status, body))
                self.assertEqual(raised.exception.error, body["error"])
                self.assertEqual(len(ingest.requests), 1)
                self.assertEqual(sleep.delays, [])

    def test_connection_refused_is_retried_until_the_attempts_run_out(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            closed_port = probe.getsockname()[1]
        sleep = Recorder()
        client = webhooks.WebhookClient(f"http://127.0.0.1:{closed_port}", "s", sleep=sleep,
                                        retry=webhooks.RetryPolicy(max_attempts=4))
        with self.assertRaises(webhooks.WebhookUnavailable) as raised:
            client.notify_dashboard("x")
        self.assertEqual(raised.exception.attempts, 4)
        self.assertIsNone(raised.exception.status)
        self.assertIn("connection refused", str(raised.exception))
        self.assertEqual(len(sleep.delays), 3)

    def test_an_answer_slower_than_the_timeout_is_retried(self):
        with ScriptedIngest(ACCEPTED, ACCEPTED) as ingest:
            ingest.hold = threading.Event()
            client = webhooks.WebhookClient(ingest.url, "s", timeout=0.3, sleep=lambda s: ingest.hold.set(),
                                            retry=webhooks.RetryPolicy(max_attempts=2))
            client.notify_dashboard("x")
        self.assertEqual(len(ingest.requests), 2)

    def test_a_retry_after_beyond_the_deadline_gives_up_at_once(self):
        sleep = Recorder()
        with ScriptedIngest((503, {"Retry-After": "600"}, {"error": "kafka_unavailable"})) as ingest:
            client = webhooks.WebhookClient(ingest.url, "s", sleep=sleep, retry=webhooks.RetryPolicy(deadline=30))
            with self.assertRaises(webhooks.WebhookUnavailable) as raised:
                client.notify_dashboard("x")
        self.assertEqual((raised.exception.status, raised.exception.error), (503, "kafka_unavailable"))
        self.assertIn("deadline", str(raised.exception))
        self.assertEqual(sleep.delays, [])

    def test_a_failed_batch_reports_the_ids_accepted_before_it(self):
        client_events = [checkin(i) for i in range(3)]
        with ScriptedIngest((200, {}, {"status": "accepted", "count": 2}),
                            (400, {}, {"error": "invalid_payload", "details": []})) as ingest:
            client = webhooks.WebhookClient(ingest.url, "s", max_batch_events=2)
            with self.assertRaises(webhooks.WebhookRejected) as raised:
                client.send_events(client_events)
        self.assertEqual(raised.exception.accepted_ids, ["chk-0", "chk-1"])

    def test_logs_name_the_webhook_but_never_the_secret_or_the_events(self):
        with ScriptedIngest((503, {"Retry-After": "0"}, {"error": "kafka_unavailable"}), ACCEPTED) as ingest:
            client = webhooks.WebhookClient(ingest.url, "top-secret", sleep=Recorder())
            with self.assertLogs("sentisphere_webhooks", level=logging.INFO) as logs:
                client.send_events([webhooks.event("alert.created", {"name": "Student Name", "reason": "private words"},
                                                   id="alert-1")])
        text = "\n".join(logs.output)
        self.assertIn("attempt 1 failed: 503 kafka_unavailable", text)
        self.assertIn(ingest.requests[0][1]["webhook-id"], text)
        for secret in ("top-secret", "Student Name", "private words"):
            self.assertNotIn(secret, text)


class AsyncTest(unittest.TestCase):

    def test_notify_dashboard_as_a_task_does_not_block_the_event_loop(self):
        with ScriptedIngest(ACCEPTED) as ingest, mock.patch.dict(os.environ, {
                "SENTISPHERE_INGEST_URL": ingest.url, "SERVICES_WEBHOOK_SHARED_SECRET": "s"}), \
                mock.patch.object(webhooks, "_default", None):
            ingest.hold = threading.Event()

            async def scenario():
                task = asyncio.create_task(webhooks.notify_dashboard("mobile_checkin"))
                # The server holds its answer until this coroutine releases it: if the client
                # blocked the loop, we would never get here and the server would time out.
                while not ingest.requests:
                    await asyncio.sleep(0.01)
                self.assertFalse(task.done())
                ingest.hold.set()
                return await asyncio.wait_for(task, 10)

            answer = asyncio.run(scenario())
        self.assertEqual(answer["status"], "accepted")

    def test_async_backoff_waits_without_holding_a_thread(self):
        with ScriptedIngest((503, {"Retry-After": "0"}, {"error": "kafka_unavailable"}), ACCEPTED) as ingest:
            client = webhooks.AsyncWebhookClient(ingest.url, "s")
            with mock.patch.object(webhooks.asyncio, "sleep", wraps=asyncio.sleep) as slept:
                answer = asyncio.run(client.notify_dashboard("x"))
        self.assertEqual(answer["status"], "accepted")
        self.assertEqual(slept.call_count, 1)
        self.assertEqual(len({headers["webhook-id"] for _, headers, _ in ingest.requests}), 1)

    def test_the_module_level_client_says_what_configuration_is_missing(self):
        with mock.patch.dict(os.environ, {}, clear=True), mock.patch.object(webhooks, "_default", None):
            with self.assertRaisesRegex(RuntimeError, "SENTISPHERE_INGEST_URL and SERVICES_WEBHOOK_SHARED_SECRET"):
                asyncio.run(webhooks.notify_dashboard("x"))

    def test_the_old_laravel_webhook_url_is_accepted_as_the_base_url(self):
        with mock.patch.dict(os.environ, {"LARAVEL_WEBHOOK_URL": "https://ingest.example/api/dashboard/notify-update",
                                          "SERVICES_WEBHOOK_SHARED_SECRET": "new,old"}, clear=True), \
                mock.patch.object(webhooks, "_default", None):
            self.assertEqual(webhooks.default_client().client.url, "https://ingest.example")


class CommandLineTest(unittest.TestCase):

    def run_main(self, *argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = webhooks.main(list(argv))
        return status, out.getvalue(), err.getvalue()

    def test_test_prints_the_answer(self):
        with ScriptedIngest(ACCEPTED) as ingest:
            status, out, _ = self.run_main("--url", ingest.url, "--secret", "s", "test")
        self.assertEqual(status, 0)
        self.assertIn('accepted: HTTP 200 {"status": "accepted"', out)
        self.assertEqual(json.loads(ingest.requests[0][2])["reason"], "test")

    def test_a_rejection_prints_the_servers_body_and_exits_1(self):
        with ScriptedIngest((403, {}, {"error": "invalid_signature"})) as ingest:
            status, _, err = self.run_main("--url", ingest.url, "--secret", "s", "--scheme", "legacy", "test")
        self.assertEqual(status, 1)
        self.assertIn('rejected: HTTP 403 {"error": "invalid_signature"}', err)
        self.assertIn("SERVICES_WEBHOOK_SHARED_SECRET", err)

    def test_send_posts_the_events_of_a_file(self):
        with ScriptedIngest((200, {}, {"status": "accepted", "count": 2, "ids": ["chk-0", "chk-1"]})) as ingest, \
                tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder, "events.json")
            path.write_text(json.dumps([checkin(0), checkin(1)]), encoding="utf-8")
            status, out, _ = self.run_main("--url", ingest.url, "--secret", "s", "send", str(path))
        self.assertEqual(status, 0)
        self.assertIn('"count": 2, "requests": 1', out)
        self.assertEqual([e["id"] for e in json.loads(ingest.requests[0][2])], ["chk-0", "chk-1"])

    def test_missing_settings_are_a_usage_error(self):
        with mock.patch.dict(os.environ, {}, clear=True):
            status, _, err = self.run_main("test")
        self.assertEqual(status, 64)
        self.assertIn("--url and --secret", err)


class CompatibilityTest(unittest.TestCase):

    def test_the_module_is_python_3_9_syntax(self):
        source = pathlib.Path(webhooks.__file__).read_text(encoding="utf-8")
        ast.parse(source, feature_version=(3, 9))

    def test_the_module_imports_only_the_standard_library(self):
        source = pathlib.Path(webhooks.__file__).read_text(encoding="utf-8")
        modules = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules.add(node.module.split(".")[0])
        if hasattr(sys, "stdlib_module_names"):
            self.assertLessEqual(modules, set(sys.stdlib_module_names))


if __name__ == "__main__":
    unittest.main()
