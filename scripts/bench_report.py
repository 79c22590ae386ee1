"""What the benchmarks share: their table of measures against targets, a crash in one measure
reported without stopping the next, and the number formats (bench_city.py, bench_packages.py)."""


def say(line: str) -> None:
    print(line, flush=True)


def fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 100 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


class BenchReport:
    """The rows of a benchmark's table. `targets` maps a key to (label, test of the value)."""

    def __init__(self, targets: dict):
        self.targets = targets
        self.rows: list[tuple[str, str, str, str]] = []
        self.failures: list[str] = []

    def judged(self, target: str, value) -> None:
        """Called with every value judged against a target (a subclass may keep it)."""

    def row(self, measure: str, value, *, unit: str = "", target: str | None = None) -> None:
        """One line of the table; `target` is a key of the targets, judged against `value`."""
        label, status = "", ""
        if target and value is not None:
            label, test = self.targets[target]
            status = "met" if test(value) else "MISSED"
            self.judged(target, value)
        shown = value if isinstance(value, str) else fmt(value) + (f" {unit}" if unit else "")
        self.rows.append((measure, shown, label, status))
        print(f"  {measure:<58} {shown:>16}  {label:>15}  {status}", flush=True)

    def fail(self, what: str) -> None:
        what = " ".join(what.split())
        self.failures.append(what)
        self.rows.append((what, "FAILED", "", "FAILED"))
        print(f"  !!! {what}", flush=True)

    def print_table(self) -> None:
        width = min(max((len(r[0]) for r in self.rows), default=40), 90)
        print("\n" + "=" * (width + 50))
        print(f"{'measure':<{width}}  {'value':>16}  {'target':>15}  status")
        print("-" * (width + 50))
        for measure, value, target, status in self.rows:
            print(f"{measure[:width]:<{width}}  {value:>16}  {target:>15}  {status}")
        print("=" * (width + 50))

    def measure(self, title: str, work) -> None:
        """Run one measure; a crash is reported and fails the run, the next measure goes on."""
        say(f"\n## {title}")
        try:
            work()
        except Exception as error:
            import traceback

            traceback.print_exc()
            self.fail(f"{title}: crashed ({type(error).__name__}: {error})"[:160])
