"""``stakes export``: what the journeys say, in the forms other teams keep it in. ``data-use``
writes how each moment uses customer data, for a privacy team's records of processing or a
DPIA."""

from __future__ import annotations

from stakes.app.assess import AssessRequest, Progress, run_assessment
from stakes.app.outcome import EXIT_OK, Outcome, UsageError
from stakes.render.documents import DataUseDocument


def data_use(request: AssessRequest, progress: Progress | None = None) -> Outcome[DataUseDocument]:
    """The moments that use customer data automatically or declare how, with the data-use
    findings as lint shows them (the configuration's selection and the journeys' comments
    applied); none when a journey cannot be read (a record of processing that silently
    leaves out a journey would mislead)."""
    assessed = run_assessment(request, progress, for_lint=True)
    done = assessed.outcome
    if done.exit_code != EXIT_OK or done.document is None:
        raise UsageError(
            "nothing was exported: fix the journeys above, or leave them out", done.messages
        )
    return Outcome(DataUseDocument(assessed.data_use()), done.messages, EXIT_OK, done.inputs)
