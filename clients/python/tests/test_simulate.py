"""bin/simulate's event generator (sentisphere_simulate): the school-day curve, realistic and
contract-shaped events, repeatable runs; and, against the real ingest-service, a whole run."""

import datetime as dt
import json
import os
import pathlib
import subprocess
import sys
import unittest
from zoneinfo import ZoneInfo

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
import sentisphere_simulate as simulate  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[3]
DEFINITIONS = json.loads((ROOT / "docs/schemas/definitions.json").read_text(encoding="utf-8"))["$defs"]
MANILA = ZoneInfo("Asia/Manila")


class SchoolDayTest(unittest.TestCase):

    def test_check_ins_peak_before_class_at_lunch_and_after_school_and_rest_at_night(self):
        at = lambda hour, minute=0, day=2: simulate.school_day(dt.datetime(2026, 12, day, hour, minute, tzinfo=MANILA))
        night = at(3)
        for peak in (at(7, 45), at(12, 15), at(15, 30)):
            self.assertGreater(peak, 10 * night)
        self.assertGreater(at(12, 15), at(10))
        self.assertLess(at(12, 15, day=5), at(12, 15, day=2), "Saturday is quieter than Wednesday")


class EventsTest(unittest.TestCase):

    def events(self, n=3000, seed=11):
        sim = simulate.Simulator(students=50, seed=seed, zone=MANILA)
        return [e for _ in range(n) for e in sim.events()]

    def test_events_use_the_contracts_types_and_labels(self):
        labels = {"mood_level": DEFINITIONS["moodLevel"]["enum"], "energy_level": DEFINITIONS["energyLevel"]["enum"],
                  "stress_level": DEFINITIONS["stressLevel"]["enum"], "severity": DEFINITIONS["alertSeverity"]["enum"],
                  "status": DEFINITIONS["alertStatus"]["enum"]}
        events = self.events()
        self.assertEqual({e["type"] for e in events}, {"checkin.created", "sentiment.analyzed", "journal.created",
                                                        "activity.logged", "alert.created", "alert.updated"})
        for e in events:
            dt.datetime.fromisoformat(e["occurred_at"])
            self.assertTrue(1 <= e["data"]["user_id"] <= 50)
            for field, allowed in labels.items():
                if field in e["data"]:
                    self.assertIn(e["data"][field], allowed, field)
        self.assertEqual(len({e["id"] for e in events}), len(events), "ids are unique")

    def test_the_mix_is_mostly_check_ins_with_a_few_alerts(self):
        events = self.events()
        share = lambda kind: sum(e["type"] == kind for e in events) / len(events)
        self.assertGreater(share("checkin.created"), 0.5)
        self.assertLess(share("alert.created"), 0.05)
        self.assertGreater(share("alert.created"), 0)
        names = {e["data"]["name"] for e in events if e["type"].startswith("alert.")}
        self.assertTrue(all(n.startswith("Demo student ") for n in names), "only made-up names")

    def test_a_seed_repeats_a_run(self):
        strip = lambda events: [(e["type"], e["data"]) for e in events]
        self.assertEqual(strip(self.events(200, seed=5)), strip(self.events(200, seed=5)))
        self.assertNotEqual(strip(self.events(200, seed=5)), strip(self.events(200, seed=6)))


@unittest.skipUnless(os.environ.get("SENTISPHERE_TEST_INGEST_URL"), "needs the services PythonClientIT starts")
class SimulateAgainstIngestTest(unittest.TestCase):

    def test_bin_simulate_sends_signed_events_that_ingest_accepts(self):
        done = subprocess.run([str(ROOT / "bin/simulate"), "--url", os.environ["SENTISPHERE_TEST_INGEST_URL"],
                               "--count", "120", "--rate", "12000", "--flat", "--seed", "3", "--quiet"],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "SERVICES_WEBHOOK_SHARED_SECRET": os.environ["SENTISPHERE_TEST_SECRET"]})
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout, r"^sent 120 events: .*\d+ checkin\.created")


if __name__ == "__main__":
    unittest.main()
