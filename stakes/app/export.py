"""``stakes export``: what the journeys say, in the forms other teams keep it in. ``data-use``
writes how each moment uses customer data, for a privacy team's records of processing or a
DPIA; ``csv`` and ``mermaid`` write the journeys back for journey-mapping tools, docs and
wikis."""

from __future__ import annotations

from stakes.app.assess import AssessRequest, Progress, run_assessment
from stakes.app.outcome import EXIT_OK, Outcome, UsageError
from stakes.render.documents import DataUseDocument, MapDocument


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


def journeys(request: AssessRequest, progress: Progress | None = None) -> Outcome[MapDocument]:
    """Every touchpoint of the journeys, assessed, in file order; none when a journey cannot
    be read (a spreadsheet or a diagram that silently leaves a journey out would mislead)."""
    done = run_assessment(request, progress).outcome
    if done.exit_code != EXIT_OK or done.document is None:
        raise UsageError(
            "nothing was exported: fix the journeys above, or leave them out", done.messages
        )
    assessment = done.document
    return Outcome(MapDocument(assessment, list(assessment)), done.messages, EXIT_OK, done.inputs)
