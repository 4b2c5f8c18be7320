"""Schemathesis over every operation of a live `tactful serve`, a few hundred examples each. Prints JSON.

The same run as tests/test_fuzz_api.py (deterministic generation, the same checks: any 5xx, any answer the
OpenAPI document does not describe, any error outside the one error shape), every phase, with more examples:
the issue's bar is 0 of each over all operations.

    python bench/fuzz.py [--examples 300] [--database sqlite|postgresql] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT / "tests"))
from support.fuzz import run_schemathesis, store_items  # noqa: E402
from support.postgres import PostgresServer  # noqa: E402
from support.service import Service  # noqa: E402
from support.smtp import SMTPServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=300, help="examples per operation and phase")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--phases", default="coverage,fuzzing,stateful")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tactful-fuzz-") as folder:
        home = Path(folder) / "home"
        home.mkdir()
        smtp, postgres = SMTPServer().start(), None
        env = {"TACTFUL_SMTP_URL": smtp.url}
        if args.database == "postgresql":
            postgres = PostgresServer().start()
            env["TACTFUL_DATABASE_URL"] = postgres.create_database("tactful_fuzz")
        service = Service(home, env)
        try:
            service.start()
            known = store_items(service, env.get("TACTFUL_DATABASE_URL"), home)
            result = run_schemathesis(service.port, Path(folder), args.examples, args.phases, known, args.workers)
            log = (home / "service.log").read_text(errors="replace")
        finally:
            service.stop()
            smtp.stop()
            if postgres is not None:
                postgres.stop()
    figures = {"database": args.database, "examples_per_operation": args.examples, "phases": args.phases,
               **result.figures(), "internal_errors_logged": log.count("internal error")}
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
