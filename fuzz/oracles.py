"""What must hold of every run of stakes, whatever its input: the fuzzing oracles.

One definition, used by the atheris harness (``loader.py``), the Hypothesis harness
(``pipeline.py``) and the regression replay (``tests/test_fuzz_regressions.py``). Each check
returns the ``Violation``s it sees (an empty list when all is well); none of them raises.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif" / "sarif-schema-2.1.0.json"

#: Exit codes: 0 success, 1 findings, 2 a usage error or an input that cannot be read.
EXIT_CODES = frozenset({0, 1, 2})
#: C0 controls but tab and newline, DEL, and C1 (ESC and CSI among them).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Bidirectional controls: they make text read differently from what it holds.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: A line that only a newline inside user text could have started (see hostile.PIECES).
CANARY = "FUZZ-LINE"
#: Words of Mermaid's quadrantChart grammar: a point named so breaks the diagram.
MERMAID_WORDS = frozenset(
    {"title", "acctitle", "accdescr", "x-axis", "y-axis", "classdef", "style", "quadrantchart"}
    | {f"quadrant-{n}" for n in range(1, 5)}
)
#: The lines stakes writes before the points of a quadrant chart (render/report/mermaid.py).
_QUADRANT_HEADER = 8
_POINT = re.compile(r"^    (?P<name>[^:\n]+): \[(?P<x>[01]\.\d\d), (?P<y>[01]\.\d\d)\]$")
_WORKFLOW = re.compile(r"^::(?P<cmd>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<msg>.*)$")
_GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


@dataclass(frozen=True)
class Violation:
    """An oracle that failed: which, on what, what was seen, and for a crash its last frame."""

    oracle: str  # crash, exit-code, stderr, terminal, markdown, json, sarif, csv, ...
    command: str  # e.g. "lint --format sarif", "load"
    detail: str
    frame: str = ""  # file:line in function, for an exception
    key: str = ""  # the kind of problem, when the detail's first words do not say it

    @property
    def signature(self) -> str:
        """What makes two violations the same bug: the oracle, the command, and the frame (or
        the kind of problem)."""
        head = self.frame or self.key or " ".join(self.detail.split()[:3])
        return f"{self.oracle} | {self.command} | {head}"

    def __str__(self) -> str:
        frame = f" [{self.frame}]" if self.frame else ""
        return f"{self.oracle}: {self.command}: {self.detail}{frame}"


@dataclass
class Run:
    """One command's run: its exit code, outputs and any exception that escaped it."""

    command: str  # "lint --format json"
    kind: str  # lint, map, explain, report
    format: str
    exit_code: int
    stdout: bytes
    stderr: bytes
    exception: BaseException | None = None
    seconds: float = 0.0
    rss_mib: float = 0.0  # the most memory seen while it ran, over the harness's own
    #: What a line of standard error may start with: "stakes: " and the files' shown names.
    prefixes: Sequence[str] = field(default_factory=tuple)
    #: What it wrote to ``$GITHUB_STEP_SUMMARY`` (markdown), when that was set.
    summary: bytes | None = None


def last_frame(exc: BaseException) -> str:
    """``file:line in function`` of the innermost frame, the file relative to the package."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    frame = frames[-1]
    name = frame.filename
    for marker in ("/stakes/", "/site-packages/", "/lib/python"):
        if marker in name:
            name = marker.strip("/") + "/" + name.split(marker, 1)[1]
            break
    return f"{type(exc).__name__} at {name}:{frame.lineno} in {frame.name}"


def crash(command: str, exc: BaseException) -> Violation:
    text = " ".join(str(exc).split())[:200]
    return Violation("crash", command, f"{type(exc).__name__}: {text}", last_frame(exc))


def _decode(run: Run, stream: str, data: bytes) -> tuple[str | None, list[Violation]]:
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [Violation("encoding", run.command, f"{stream} is not UTF-8: {exc}")]


def _show(text: str, limit: int = 80) -> str:
    return repr(text[:limit]) + ("..." if len(text) > limit else "")


def clean_text(command: str, text: str, oracle: str, bidi: bool = True) -> list[Violation]:
    """No control character but tab and newline (no ESC, no CR), no bidirectional control."""
    out = []
    bad = CONTROL.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        where = f"U+{ord(bad.group()):04X} on line {line}"
        out.append(Violation(oracle, command, f"control character {where}", key="control"))
    if bidi:
        found = BIDI.search(text)
        if found:
            where = f"U+{ord(found.group()):04X}"
            out.append(Violation(oracle, command, f"bidirectional control {where}", key="bidi"))
    return out


def lines(text: str) -> list[str]:
    """The lines of ``text`` as a terminal, a CI log or a markdown reader sees them (not as
    ``str.splitlines``, which also breaks at separators no terminal breaks at)."""
    out = re.split(r"\r\n|\r|\n", text)
    return out[:-1] if out and out[-1] == "" else out


def no_canary(command: str, text: str, oracle: str, strip: str = " ") -> list[Violation]:
    """No line starts with the canary: a newline in user text did not start a line."""
    for line in lines(text):
        if line.lstrip(strip).startswith(CANARY):
            return [Violation(oracle, command, f"user text starts a line: {_show(line)}")]
    return []


def check_stderr(run: Run, text: str) -> list[Violation]:
    """One clean line per problem: each starts with ``stakes:`` or a file's name, holds no
    control character, and starts no workflow command."""
    out = clean_text(run.command, text, "stderr")
    prefixes = ("stakes: ", *run.prefixes)
    for line in lines(text):
        if line.startswith("::"):
            detail = f"workflow command: {_show(line)}"
            out.append(Violation("stderr", run.command, detail, key="workflow command"))
        elif not line.startswith(prefixes):
            out.append(Violation("stderr", run.command, f"line of unknown origin: {_show(line)}"))
        if len(out) > 3:
            break
    return out


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(command: str, text: str) -> tuple[Any, list[Violation]]:
    """The document, or why it is not strict JSON (NaN and Infinity are not JSON)."""
    try:
        return json.loads(text, parse_constant=_reject_constant), []
    except ValueError as exc:
        return None, [Violation("json", command, f"invalid JSON: {exc}")]


@cache
def _sarif_validator() -> Any:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.validators.validator_for(schema)(schema)


def check_sarif(command: str, text: str) -> list[Violation]:
    doc, bad = parse_json(command, text)
    if bad:
        return bad
    for error in _sarif_validator().iter_errors(doc):
        where = "/".join(str(p) for p in error.absolute_path)
        return [Violation("sarif", command, f"not SARIF 2.1.0 at {where}: {error.message[:150]}")]
    return []


def check_junit(command: str, text: str) -> list[Violation]:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        return [Violation("junit", command, f"invalid XML: {exc}")]
    if root.tag not in {"testsuites", "testsuite"}:
        return [Violation("junit", command, f"root element is {root.tag}")]
    return []


def check_gitlab(command: str, text: str) -> list[Violation]:
    doc, bad = parse_json(command, text)
    if bad:
        return bad
    if not isinstance(doc, list):
        return [Violation("gitlab", command, "not a list of issues")]
    seen: set[str] = set()
    for issue in doc:
        try:
            assert isinstance(issue["description"], str) and issue["description"]
            assert isinstance(issue["check_name"], str)
            assert issue["severity"] in _GITLAB_SEVERITIES
            assert isinstance(issue["location"]["path"], str)
            assert isinstance(issue["location"]["lines"]["begin"], int)
            assert issue["location"]["lines"]["begin"] >= 1
            fingerprint = issue["fingerprint"]
        except (AssertionError, KeyError, TypeError):
            return [Violation("gitlab", command, f"malformed issue: {_show(str(issue))}")]
        if fingerprint in seen:
            return [Violation("gitlab", command, "two issues share a fingerprint")]
        seen.add(fingerprint)
    return []


def check_csv(command: str, text: str) -> list[Violation]:
    """Rows of one width; no cell a spreadsheet would run as a formula."""
    limit = csv.field_size_limit(2**31 - 1)  # a cell holds a title, and titles may be long
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        return [Violation("csv", command, f"invalid CSV: {exc}")]
    finally:
        csv.field_size_limit(limit)
    if not rows:
        return [Violation("csv", command, "no header")]
    width = len(rows[0])
    for n, row in enumerate(rows, 1):
        if len(row) != width:
            detail = f"row {n} has {len(row)} cells, the header {width}"
            return [Violation("csv", command, detail, key="row width")]
        for cell in row:
            if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(cell):
                return [Violation("csv", command, f"formula cell in row {n}: {_show(cell)}")]
    return []


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_github(command: str, text: str, expected: int | None) -> list[Violation]:
    """Workflow commands only, one per finding (and unreadable input), and the notice."""
    commands = lines(text)
    for line in commands:
        if not _WORKFLOW.match(line):
            return [Violation("github", command, f"not a workflow command: {_show(line)}")]
    notices = sum(1 for line in commands if line.startswith("::notice title=stakes::"))
    if expected is not None and len(commands) - notices != expected:
        detail = f"{len(commands) - notices} annotations for {expected} findings and errors"
        return [Violation("github", command, detail, key="annotation count")]
    return []


def _markdown_tables(command: str, text: str) -> list[Violation]:
    """Every row of a table has as many unescaped pipes as its header."""
    fence = False
    width: int | None = None
    for line in lines(text):
        if line.startswith("```"):
            fence = not fence
        if fence or not line.startswith("|"):
            width = None
            continue
        pipes = _pipes(line)
        if width is None:
            width = pipes
        elif pipes != width:
            return [Violation("markdown", command, f"table row of {pipes} pipes: {_show(line)}")]
    return []


def _pipes(line: str) -> int:
    count, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count


#: The HTML the report writes itself: the appendix's fold (its summary holds no user text).
_TAG = r"(?:<details>|</details>|<summary>[^<>\n]*</summary>)"
_OWN_BLOCK = re.compile(rf"{_TAG}(?:\n{_TAG})*")


def _markdown_tokens(command: str, text: str) -> list[Violation]:
    """No raw HTML, links or images: stakes writes none but links to its own Method
    (``#method``), the appendix's fold and line breaks in its cells (``<br>``), so any other
    came from user text."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    stack = md.parse(text)
    while stack:
        token = stack.pop()
        if token.type == "link_open" and token.attrGet("href") == "#method":
            stack.extend(token.children or ())
            continue
        if token.type == "html_block" and _OWN_BLOCK.fullmatch(token.content.strip()):
            continue
        if token.type == "html_inline" and token.content == "<br>":
            continue
        if token.type in {"html_block", "html_inline", "link_open", "image"}:
            return [Violation("markdown", command, f"{token.type} from user text")]
        stack.extend(token.children or ())
    return []


def check_mermaid(command: str, text: str) -> list[Violation]:
    """Each quadrant chart point is a plain name and its place; no name is a grammar word."""
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", text, re.M | re.S)
    for block in blocks:
        chart = lines(block)
        if not chart or chart[0] != "quadrantChart":
            continue
        for line in chart[_QUADRANT_HEADER:]:
            match = _POINT.match(line)
            if not match:
                return [Violation("mermaid", command, f"not a point: {_show(line)}")]
            first = match["name"].split()[0].lower()
            if first in MERMAID_WORDS:
                detail = f"point named {first!r}: {_show(line)}"
                return [Violation("mermaid", command, detail, key="keyword")]
    return []


def check_markdown(command: str, text: str) -> list[Violation]:
    return [
        *clean_text(command, text, "markdown"),
        *no_canary(command, text, "markdown", " #>|-*:`"),
        *_markdown_tables(command, text),
        *_markdown_tokens(command, text),
        *check_mermaid(command, text),
    ]


_FORBIDDEN_TAGS = frozenset(
    {"script", "iframe", "object", "embed", "img", "link", "base", "form", "frame", "audio"}
    | {"video", "source", "track", "input", "button", "foreignobject", "image", "use"}
)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "srcset")
_META = {("charset",), ("content", "http-equiv"), ("content", "name")}


def check_html(command: str, text: str) -> list[Violation]:
    """The HTML report runs nothing and asks for nothing: no script or element that loads,
    no event handler, no URL but a fragment of the page, no CSS that fetches."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names = {name for name, _ in attrs}
            if tag in _FORBIDDEN_TAGS:
                found.append(f"a <{tag}> element")
            if tag == "meta" and (
                tuple(sorted(names)) not in _META or ("http-equiv", "refresh") in attrs
            ):
                found.append(f"a <meta> that is not the report's: {sorted(names)}")
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(f"an event handler {name} on <{tag}>")
                if name in _URL_ATTRIBUTES and not (value or "").startswith("#"):
                    found.append(f"a URL in {name} of <{tag}>: {_show(value or '')}")
                if name == "style" and "url(" in (value or "").lower():
                    found.append(f"a URL in the style of <{tag}>")

        def handle_data(self, data: str) -> None:
            if self.lasttag == "style" and ("url(" in data.lower() or "@import" in data):
                found.append("a URL in the style sheet")

    Scan(convert_charrefs=True).feed(text)
    return [
        *clean_text(command, text, "html"),
        *(Violation("html", command, problem) for problem in found[:1]),
    ]


_NAMED = re.compile(r"\(`([^`\n]+)`\)")


def check_report_body(command: str, text: str) -> list[Violation]:
    """Each touchpoint is named in at most two sections of the report's body (Top actions and
    the one section that lists it); the appendix, after the body, names every one."""
    body = text.split("\n## Appendix", 1)[0]
    seen: dict[str, int] = {}
    for section in re.split(r"^## .*$", body, flags=re.M)[1:]:
        for key in set(_NAMED.findall(section)):
            seen[key] = seen.get(key, 0) + 1
    over = sorted(key for key, n in seen.items() if n > 2)
    if over:
        return [Violation("report", command, f"named in more than two sections: {over[0]}")]
    return []


def check_terminal(command: str, text: str) -> list[Violation]:
    return clean_text(command, text, "terminal")


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def check_colour(command: str, text: str) -> list[Violation]:
    """With colour on: the only escape sequences are colours (SGR), and nothing else is a
    control character."""
    return clean_text(command, _SGR.sub("", text), "terminal")


def _json_document(command: str, text: str) -> list[Violation]:
    return parse_json(command, text)[1]


def check_yaml(command: str, text: str) -> list[Violation]:
    """YAML that reads back, with finite numbers only."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except Exception as exc:  # PyYAML's own constructors raise more than YAMLError
        return [Violation("yaml", command, f"invalid YAML: {' '.join(str(exc).split())[:150]}")]
    if not finite(data):
        return [Violation("yaml", command, "a number that is not finite", key="non-finite")]
    return clean_text(command, text, "yaml")


def finite(data: Any) -> bool:
    """Whether every number in ``data`` (plain data, as YAML gives) is finite."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True


def finite_policy(policy: bytes) -> bool:
    """Whether a policy file holds only finite numbers (True when it is not plain YAML)."""
    import yaml

    try:
        return finite(yaml.safe_load(policy))
    except Exception:  # not plain YAML (PyYAML's own constructors raise more than YAMLError)
        return True


#: The check of each format's output (kind, name). A format missing here is checked as text.
FORMAT_CHECKS: dict[tuple[str, str], Callable[[str, str], list[Violation]]] = {
    ("lint", "json"): _json_document,
    ("lint", "sarif"): check_sarif,
    ("lint", "junit"): check_junit,
    ("lint", "gitlab"): check_gitlab,
    ("map", "json"): _json_document,
    ("map", "csv"): check_csv,
    ("map", "md"): check_markdown,
    ("report", "md"): lambda command, text: [
        *check_markdown(command, text),
        *check_report_body(command, text),
    ],
    ("report", "json"): _json_document,
    ("report", "html"): check_html,
    ("data_use", "csv"): check_csv,
    ("data_use", "json"): _json_document,
    ("policy", "yaml"): check_yaml,
}
#: Formats that are documents: when the command succeeds they are never empty.
DOCUMENTS = frozenset({"json", "sarif", "junit", "gitlab", "csv"})


def check_run(run: Run, expected_annotations: int | None = None) -> list[Violation]:
    """Every oracle on one command's run."""
    if run.exception is not None:
        return [crash(run.command, run.exception)]
    out: list[Violation] = []
    if run.exit_code not in EXIT_CODES:
        out.append(Violation("exit-code", run.command, f"exit code {run.exit_code}"))
    stdout, bad_out = _decode(run, "stdout", run.stdout)
    stderr, bad_err = _decode(run, "stderr", run.stderr)
    out += bad_out + bad_err
    for stream in (stdout, stderr):
        if stream is not None and "Traceback (most recent call last)" in stream:
            out.append(Violation("traceback", run.command, "a traceback in the output"))
    if stderr is not None:
        out += check_stderr(run, stderr)
    if run.summary:
        summary, bad = _decode(run, "step summary", run.summary)
        out += bad if summary is None else check_markdown(f"{run.command} step summary", summary)
    if stdout is None:
        return out
    if run.kind in ("report", "data_use") and run.exit_code == 2 and stdout:
        out.append(Violation(run.kind, run.command, "a document was written for a failed run"))
    if not stdout:
        if run.exit_code in (0, 1) and run.format in DOCUMENTS:
            out.append(Violation("document", run.command, "no document on success"))
        return out
    if (run.kind, run.format) == ("lint", "github"):
        out += check_github(run.command, stdout, expected_annotations)
        out += clean_text(run.command, stdout, "github")
    elif run.command.endswith("(colour)"):
        out += check_colour(run.command, stdout)
    else:
        check = FORMAT_CHECKS.get((run.kind, run.format), check_terminal)
        out += check(run.command, stdout)
    return out


def owed_annotations(lint_json: bytes) -> int | None:
    """How many annotations ``--format github`` owes for the same run: the findings and the
    unreadable inputs of ``--format json`` (None when that is not JSON)."""
    try:
        doc = json.loads(lint_json)
        return len(doc["findings"]) + len(doc["errors"])
    except (ValueError, KeyError, TypeError):
        return None


def check_loaded(data: bytes | str, result: Any, file: str) -> list[Violation]:
    """What holds for whatever the loader read: findings at real places, with a rule and a
    message, and a journey exactly when there is no error."""
    from stakes.findings import Severity
    from stakes.journey.format_rules import FORMAT_RULES

    codes = {r.code for r in FORMAT_RULES}
    out: list[Violation] = []

    def fail(detail: str) -> None:
        out.append(Violation("loader", "load", detail))

    for f in result.findings:
        if f.line < 0 or f.col < 0 or (f.line == 0) != (f.col == 0):
            fail(f"{f.code} at an impossible place {f.line}:{f.col}")
        if f.code not in codes:
            fail(f"{f.code} is not a rule of the journey format")
        if not f.message.strip():
            fail(f"{f.code} without a message")
        if f.file != file:
            fail(f"{f.code} names the file {f.file!r}")
    errors = [f for f in result.findings if f.severity >= Severity.ERROR]
    if errors and result.journey is not None:
        fail("a journey despite errors")
    if not errors and result.journey is None:
        fail("no journey and no error")
    text = data if isinstance(data, str) else _text(data)
    if text is not None:
        lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text)
        for f in result.findings:
            if f.line > len(lines) + 1 or (f.path and f.line > len(lines)):
                fail(f"{f.code} on line {f.line} of {len(lines)}")
            elif f.path and f.line and f.col > len(lines[f.line - 1]) + 1:
                fail(f"{f.code} at column {f.col} of a line of {len(lines[f.line - 1])}")
    return out[:3]


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


LOADED = "fuzz.yaml"


def check_load(data: bytes) -> list[Violation]:
    """The loader harness's oracles on one input: it loads as ``stakes lint`` loads a file
    (bytes, the positions the rules ask for kept), gives findings of the journey format at real
    places and never raises; a journey that loads is assessed and linted without raising."""
    from stakes.journey.files import load_text
    from stakes.linter.rules import places

    try:
        result, _ = load_text(data, LOADED, keep_text=True, places=places())
    except Exception as exc:  # MemoryError and RecursionError too: the loader must not raise
        return [crash("load", exc)]
    violations = check_loaded(data, result, LOADED)
    if result.journey is not None and not violations:
        violations += _assess(result)
    return violations


def _assess(result: Any) -> list[Violation]:
    """What ``stakes lint`` does with a journey once read (the scorer sees whatever number
    YAML holds)."""
    from stakes.assessment.engine import assess
    from stakes.journey.files import Portfolio
    from stakes.linter.catalogue import find_rule, suppressible
    from stakes.linter.rules import run_checks
    from stakes.linter.suppress import apply_suppressions

    portfolio = Portfolio(files=[result], findings=list(result.findings))
    try:
        assessment = assess(portfolio)
    except Exception as exc:
        return [crash("assess", exc)]
    try:
        found = [*result.findings, *run_checks(assessment, {LOADED: result})]
        apply_suppressions(LOADED, result.text or "", found, find_rule, suppressible)
    except Exception as exc:
        return [crash("lint", exc)]
    return []
