"""What schemathesis loads in the fuzz run (SCHEMATHESIS_HOOKS): the one-error-shape check, and a tool fix."""

from __future__ import annotations

from hypothesis.internal import lambda_sources

import fuzz_checks  # noqa: F401 - registers the check

# Hypothesis describes a filter's lambda (for a strategy's repr only) by parsing the source file it is in, and
# Python 3.11's parser can fail on schemathesis's largest module deep in a coverage run ("SystemError: AST
# constructor recursion depth mismatch"): the tool's own error, not the service's. Described plainly instead.
lambda_sources._lambda_description = lambda _f, *_args, **_kwargs: "lambda value: ..."
