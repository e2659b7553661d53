"""Feeds a running pipeline with realistic signed events, so the dashboard has something to show.

``bin/simulate`` runs this next to ``./run-local``. Students check in along a school-day curve
(quiet at night, peaks before class, at lunch and after school, slower at weekends) in the stats
time zone; some check-ins get a sentiment, a few students write journals or download the
appointment form, and now and then an alert is raised and later worked on. Every name is a
made-up "Demo student". Events go through :class:`sentisphere_webhooks.WebhookClient`, the same
signing and retry code the backend uses. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import sys
import time
from typing import Any, Callable, Dict, Iterator, List, Optional

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover - Python < 3.9 is not supported anyway
    ZoneInfo = None  # type: ignore

import sentisphere_webhooks as webhooks

MOODS = {"Awesome": 6, "Great": 15, "Loved": 5, "Okay": 22, "Meh": 14, "Anxious": 14, "Bad": 10, "Terrible": 5, "Upset": 9}
PLEASANT = {"Awesome", "Great", "Loved"}
UNPLEASANT = {"Anxious", "Bad", "Terrible", "Upset"}
ENERGY = {"Low": 30, "Moderate": 45, "High": 25}
STRESS = {"No Stress": 15, "Low Stress": 30, "Moderate": 30, "High Stress": 18, "Very High Stress": 7}
ALERT_REASONS = ["Several low check-ins this week", "Asked to talk to a counselor", "Journal flagged for follow-up",
                 "Missed three sessions", "Very high stress reported twice"]


def school_day(local: dt.datetime) -> float:
    """Relative check-in intensity (0..1) at a local time: a floor at night, bumps at 07:45 (before
    class), 12:15 (lunch), 15:30 (after school) and 20:00 (evening), 40 % at weekends."""
    hour = local.hour + local.minute / 60
    bump = lambda centre, width, height: height * math.exp(-((hour - centre) / width) ** 2)
    level = 0.03 + bump(7.75, 0.8, 0.85) + bump(12.25, 0.9, 1.0) + bump(15.5, 1.0, 0.8) + bump(20.0, 1.5, 0.35)
    if local.weekday() >= 5:
        level *= 0.4
    return min(1.0, level)


class Simulator:
    """Makes events; pure apart from its random generator and clock, so a seed repeats a run."""

    def __init__(self, students: int = 300, seed: Optional[int] = None,
                 zone: dt.tzinfo = dt.timezone.utc, clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)):
        self.random = random.Random(seed)
        self.students = students
        self.zone = zone
        self.clock = clock
        self.run = os.urandom(4).hex()  # ids differ between runs even with one seed: each run adds events
        self.sequence = 0
        self.open_alerts: List[Dict[str, Any]] = []

    def _id(self, kind: str) -> str:
        self.sequence += 1
        return f"sim-{self.run}-{kind}-{self.sequence}"

    def _pick(self, weights: Dict[str, int]) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    def events(self) -> List[Dict[str, Any]]:
        """One student action: a check-in (maybe with its sentiment), a journal, a form download,
        a new alert or a change to an open one."""
        now = self.clock().astimezone(self.zone)
        user = self.random.randrange(1, self.students + 1)
        roll = self.random.random()
        if roll < 0.74:
            mood = self._pick(MOODS)
            checkin_id = self.sequence + 1
            made = [webhooks.event("checkin.created", {
                "checkin_id": checkin_id, "user_id": user, "mood_level": mood, "energy_level": self._pick(ENERGY),
                "stress_level": self._pick(STRESS), "feel_better": self.random.choice(["Yes", "No", "Same", None])},
                id=self._id("chk"), occurred_at=now)]
            if self.random.random() < 0.35:
                sentiment = ("positive" if mood in PLEASANT else
                             self.random.choice(["negative", "negative", "strongly_negative"]) if mood in UNPLEASANT else "neutral")
                made.append(webhooks.event("sentiment.analyzed", {
                    "subject": "checkin", "subject_id": checkin_id, "user_id": user, "sentiment": sentiment,
                    "confidence": round(self.random.uniform(0.6, 0.99), 2)}, id=self._id("sen"), occurred_at=now))
            return made
        if roll < 0.86:
            return [webhooks.event("journal.created", {"journal_id": self.sequence + 1, "user_id": user},
                                   id=self._id("jrn"), occurred_at=now)]
        if roll < 0.94:
            return [webhooks.event("activity.logged", {"user_id": user, "action": "downloaded_form", "target_type": "form"},
                                   id=self._id("act"), occurred_at=now)]
        if roll < 0.97 or not self.open_alerts:
            alert = {"alert_id": self.sequence + 1, "user_id": user, "name": f"Demo student {user:03d}",
                     "severity": self.random.choice(["low", "medium", "medium", "high"]), "status": "open",
                     "reason": self.random.choice(ALERT_REASONS), "created_at": now.isoformat(timespec="seconds")}
            self.open_alerts.append(alert)
            return [webhooks.event("alert.created", alert, id=self._id("alr"), occurred_at=now)]
        alert = self.open_alerts[0]
        alert = {**alert, "status": "resolved" if alert["status"] == "in_progress" else "in_progress"}
        if alert["status"] == "resolved":
            self.open_alerts.pop(0)
        else:
            self.open_alerts[0] = alert
        return [webhooks.event("alert.updated", alert, id=self._id("alu"), occurred_at=now)]

    def second(self, per_minute: float, flat: bool) -> List[Dict[str, Any]]:
        """The events of one second at ``per_minute`` actions per minute at the peak (Poisson)."""
        rate = per_minute / 60 * (1.0 if flat else school_day(self.clock().astimezone(self.zone)))
        count, threshold, product = 0, math.exp(-rate), self.random.random()
        while product > threshold:  # Knuth's Poisson draw; rate is small per second
            count += 1
            product *= self.random.random()
        made: List[Dict[str, Any]] = []
        for _ in range(count):
            made.extend(self.events())
        return made


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bin/simulate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("SENTISPHERE_INGEST_URL", "http://127.0.0.1:8081"),
                        help="ingest-service base URL (default: the local stack's)")
    parser.add_argument("--secret", default=None,
                        help="shared secret (default: $SERVICES_WEBHOOK_SHARED_SECRET, else the local stack's)")
    parser.add_argument("--rate", type=float, default=30.0, help="student actions per minute at the busiest time (default 30)")
    parser.add_argument("--flat", action="store_true", help="the same rate all day (no school-day curve)")
    parser.add_argument("--zone", default=os.environ.get("STATS_TIMEZONE", "Asia/Manila"),
                        help="time zone of the school day (default $STATS_TIMEZONE or Asia/Manila)")
    parser.add_argument("--students", type=int, default=300, help="how many students (default 300)")
    parser.add_argument("--count", type=int, default=0, help="stop after this many events (default: run until Ctrl-C)")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    args = parser.parse_args(argv)
    if args.rate <= 0 or args.students < 1:
        parser.error("--rate must be > 0 and --students >= 1")
    secret = args.secret or os.environ.get("SERVICES_WEBHOOK_SHARED_SECRET", "local-webhook-secret").split(",")[0].strip()
    try:
        zone = ZoneInfo(args.zone)
    except Exception:
        parser.error(f"--zone: unknown time zone {args.zone!r}")
    client = webhooks.WebhookClient(webhooks._base_url(args.url), secret, retry=webhooks.RetryPolicy(deadline=60))
    simulator = Simulator(args.students, args.seed, zone)
    sent: Dict[str, int] = {}
    total = 0
    if not args.quiet:
        print(f"simulating {args.students} students at up to {args.rate:g} actions/min "
              f"({'flat' if args.flat else 'school-day curve'}, {args.zone}) into {args.url}; Ctrl-C stops", flush=True)
    next_tick = time.monotonic()
    try:
        while not args.count or total < args.count:
            batch = simulator.second(args.rate, args.flat)
            if args.count:
                batch = batch[: args.count - total]
            if batch:
                client.send_events(batch)
                total += len(batch)
                for e in batch:
                    sent[e["type"]] = sent.get(e["type"], 0) + 1
                if not args.quiet:
                    kinds = ", ".join(f"{n} {t}" for t, n in sorted(sent.items()))
                    print(f"{dt.datetime.now(zone):%H:%M:%S} sent {len(batch):3d}  total {total}: {kinds}", flush=True)
            next_tick += 1.0
            pause = next_tick - time.monotonic()
            if pause > 0 and (not args.count or total < args.count):
                time.sleep(pause)  # pacing the simulated seconds, not synchronisation
    except KeyboardInterrupt:
        pass
    except webhooks.WebhookRejected as e:
        print(f"rejected: HTTP {e.status} {e.body}: {e}", file=sys.stderr)
        return 1
    except webhooks.WebhookUnavailable as e:
        print(f"unavailable: {e} (is ./run-local running?)", file=sys.stderr)
        return 2
    print(f"sent {total} events: " + ", ".join(f"{n} {t}" for t, n in sorted(sent.items())), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
