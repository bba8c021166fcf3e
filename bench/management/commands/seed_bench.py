from django.core.management.base import BaseCommand

from bench import seed


class Command(BaseCommand):
    help = "Generate city-scale benchmark data inside PostgreSQL (units, people, nominations with history, awards)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--people", type=int, default=100_000)
        parser.add_argument("--nominations", type=int, default=500_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--decided", type=int, default=50_000, help="decided awards entered in the award history")
        parser.add_argument("--last-year", type=int, default=2025)
        parser.add_argument("--reset", action="store_true", help="first delete what an earlier seed_bench made")

    def handle(self, *args, **o):
        if o["reset"]:
            seed.reset()
            self.stdout.write("Removed earlier benchmark data.")
        if o["units"] <= 0:
            return
        if o["nominations"] > o["people"] * o["years"] // 2 + o["people"]:
            self.stderr.write("Too many nominations for people × years (at most one per person, kind and year).")
            return
        timings = seed.seed(
            units=o["units"],
            people=o["people"],
            nominations=o["nominations"],
            years=o["years"],
            last_year=o["last_year"],
            decided=o["decided"],
        )
        self.stdout.write(" · ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
