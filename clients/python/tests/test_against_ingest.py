"""sentisphere_webhooks against the real ingest-service, stats-stream and a real KRaft broker.

Run by clients/python's PythonClientIT (``mvn -B verify``), which starts them and sets
SENTISPHERE_TEST_INGEST_URL, SENTISPHERE_TEST_SECRET, SENTISPHERE_TEST_WHSEC_SECRET and
SENTISPHERE_TEST_CONTROL_URL (a loopback endpoint to stop/start the broker and read the topics;
see ControlEndpoint.java). Without them these tests are skipped, and PythonClientIT fails when
anything was skipped."""

import datetime
import json
import logging
import os
import pathlib
import subprocess
import sys
import threading
import time
import unittest
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import sentisphere_webhooks as webhooks  # noqa: E402

INGEST = os.environ.get("SENTISPHERE_TEST_INGEST_URL")
SECRET = os.environ.get("SENTISPHERE_TEST_SECRET")
WHSEC = os.environ.get("SENTISPHERE_TEST_WHSEC_SECRET")
CONTROL = os.environ.get("SENTISPHERE_TEST_CONTROL_URL")
PATIENCE = 60.0


def control(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else (b"" if method == "POST" else None)
    request = urllib.request.Request(CONTROL + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        with e:
            return e.code, json.loads(e.read() or b"null")


def counts(ids):
    return control("POST", "/events/count", {"ids": list(ids)})[1]["counts"]


def eventually(condition, what, timeout=PATIENCE):
    """Polls ``condition`` until it returns a truthy value (returned), as Awaitility would."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:g} s: {what}")
        time.sleep(0.2)


def settled_stats(range_name="this_week"):
    """The range's stats once stats-stream has processed every event written so far: asks for a
    refresh with a unique reason and waits for the stats record carrying it (one partition, so
    that record reflects every event before the refresh)."""
    marker = f"settle-{uuid.uuid4().hex[:12]}"
    webhooks.WebhookClient(INGEST, SECRET).notify_dashboard(marker, range_name)

    def found():
        status, body = control("GET", "/stats?" + urllib.parse.urlencode({"range": range_name, "reason": marker}))
        return body if status == 200 else None

    return eventually(found, f"a {range_name} stats record with reason {marker}")["stats"]


def checkin(user_id, comment="a private comment that must not reach Kafka"):
    return webhooks.event("checkin.created", {
        "checkin_id": user_id, "user_id": user_id, "mood_level": "Okay", "energy_level": "High",
        "stress_level": "Low Stress", "feel_better": "Yes", "comment": comment},
        id=f"chk-{uuid.uuid4().hex}", occurred_at=datetime.datetime.now(datetime.timezone.utc))


@unittest.skipUnless(INGEST and SECRET and CONTROL, "needs the services PythonClientIT starts")
class AgainstIngestTest(unittest.TestCase):

    def test_legacy_notify_dashboard_is_accepted_and_written(self):
        client = webhooks.WebhookClient(INGEST, SECRET, scheme="legacy")
        reason = f"legacy-{uuid.uuid4().hex[:8]}"
        answer = client.notify_dashboard(reason, "last_7d")
        self.assertEqual((answer["status"], answer["reason"], answer["range"]), ("accepted", reason, "last_7_days"))
        self.assertEqual(control("GET", "/refreshes?reason=" + reason)[1]["ids"], [answer["event_id"]])

    def test_standard_webhooks_notify_dashboard_is_accepted_with_the_webhook_id_as_event_id(self):
        for secret in (SECRET, WHSEC):
            with self.subTest(secret="whsec" if secret == WHSEC else "plain"):
                client = webhooks.WebhookClient(INGEST, secret)
                reason = f"standard-{uuid.uuid4().hex[:8]}"
                answer = client.notify_dashboard(reason)
                self.assertEqual(answer["status"], "accepted")
                self.assertTrue(answer["event_id"].startswith("msg_"), answer)
                self.assertEqual(control("GET", "/refreshes?reason=" + reason)[1]["ids"], [answer["event_id"]])

    def test_domain_events_are_accepted_under_both_schemes(self):
        for scheme in webhooks.SCHEMES:
            with self.subTest(scheme=scheme):
                events = [checkin(7), checkin(8)]
                result = webhooks.WebhookClient(INGEST, SECRET, scheme=scheme).send_events(events)
                ids = [e["id"] for e in events]
                self.assertEqual((result.accepted_ids, result.requests), (ids, 1))
                self.assertEqual(result.responses[0]["ids"], ids)
                self.assertEqual(counts(ids), {i: 1 for i in ids})

    def test_a_wrong_secret_raises_a_typed_403_and_writes_nothing(self):
        for scheme in webhooks.SCHEMES:
            with self.subTest(scheme=scheme):
                client = webhooks.WebhookClient(INGEST, "not-the-secret", scheme=scheme)
                event = checkin(9)
                with self.assertRaises(webhooks.WebhookRejected) as raised:
                    client.send_events([event])
                self.assertEqual(raised.exception.status, 403)
                self.assertEqual(raised.exception.body, {"error": "invalid_signature"})
                self.assertEqual(raised.exception.accepted_ids, [])
                self.assertEqual(counts([event["id"]]), {event["id"]: 0})

    def test_an_invalid_event_raises_a_typed_400_naming_the_field(self):
        bad = checkin(10)
        bad["data"]["mood_level"] = "Sleepy"
        with self.assertRaises(webhooks.WebhookRejected) as raised:
            webhooks.WebhookClient(INGEST, SECRET).send_events([bad])
        self.assertEqual(raised.exception.status, 400)
        self.assertEqual(raised.exception.error, "invalid_payload")
        self.assertRegex(raised.exception.body["details"][0]["field"], r"data\.mood_level$")

    def test_a_batch_over_the_servers_limits_is_split_and_all_of_it_lands(self):
        # 1,200 check-ins with 600-byte comments: over 500 events and about 12 times 64 KiB.
        events = [checkin(1000 + i, comment="c" * 600) for i in range(1200)]
        client = webhooks.WebhookClient(INGEST, SECRET)
        self.assertGreater(sum(len(json.dumps(e)) for e in events), 10 * webhooks.DEFAULT_MAX_BODY_BYTES)
        result = client.send_events(events)
        ids = [e["id"] for e in events]
        self.assertEqual(result.accepted_ids, ids)
        self.assertGreaterEqual(result.requests, 10)
        self.assertEqual(sum(r["count"] for r in result.responses), 1200)
        self.assertEqual(counts(ids), {i: 1 for i in ids})

    def test_the_command_line_test_sends_one_signed_webhook_and_prints_the_answer(self):
        module_dir = pathlib.Path(webhooks.__file__).resolve().parent
        done = subprocess.run([sys.executable, "-m", "sentisphere_webhooks", "--url", INGEST, "--secret", SECRET,
                               "test"], cwd=module_dir, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout, r'^accepted: HTTP 200 \{"status": "accepted", "event_id": "msg_')
        wrong = subprocess.run([sys.executable, "-m", "sentisphere_webhooks", "--url", INGEST, "--scheme", "legacy",
                                "test"], cwd=module_dir, capture_output=True, text=True, timeout=60,
                               env={**os.environ, "SERVICES_WEBHOOK_SHARED_SECRET": "wrong"})
        self.assertEqual(wrong.returncode, 1)
        self.assertIn('rejected: HTTP 403 {"error": "invalid_signature"}', wrong.stderr)

    def test_while_kafka_is_stopped_the_client_retries_and_the_event_is_counted_once(self):
        # given the stats of this week, and a client whose retries we can see
        before = settled_stats()["this_week_checkins"]
        event = checkin(4242)
        reason = f"outage-{uuid.uuid4().hex[:8]}"
        retried = threading.Event()

        class Watcher(logging.Handler):
            def emit(self, record):
                if "retrying in" in record.getMessage():
                    retried.set()

        watcher = Watcher(level=logging.WARNING)
        logging.getLogger("sentisphere_webhooks").addHandler(watcher)
        results = {}

        def send():
            try:
                client = webhooks.WebhookClient(INGEST, SECRET, retry=webhooks.RetryPolicy(deadline=180))
                results["events"] = client.send_events([event])
                results["notify"] = client.notify_dashboard(reason)
            except Exception as e:  # reported by the assertions below
                results["error"] = e

        # when Kafka is stopped while the client sends
        self.assertEqual(control("POST", "/kafka/stop")[0], 204)
        sender = threading.Thread(target=send)
        try:
            sender.start()
            self.assertTrue(retried.wait(PATIENCE), "the client retried a refused attempt")
            # and comes back
        finally:
            self.assertEqual(control("POST", "/kafka/start")[0], 204)
            sender.join(240)
            logging.getLogger("sentisphere_webhooks").removeHandler(watcher)

        # then both calls succeeded after retrying
        self.assertFalse(sender.is_alive())
        self.assertNotIn("error", results, results.get("error"))
        self.assertEqual(results["events"].accepted_ids, [event["id"]])
        # the check-in is in the topic (maybe twice, when an attempt that timed out was written
        # after all) and stats-stream counted it once
        self.assertGreaterEqual(counts([event["id"]])[event["id"]], 1)
        self.assertEqual(settled_stats()["this_week_checkins"], before + 1)
        # and every record of the retried notify-update carries the one webhook-id
        refreshes = control("GET", "/refreshes?reason=" + reason)[1]["ids"]
        self.assertGreaterEqual(len(refreshes), 1)
        self.assertEqual(set(refreshes), {results["notify"]["event_id"]})


if __name__ == "__main__":
    unittest.main()
