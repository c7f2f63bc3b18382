"""Lint findings as JUnit XML: one test case per file and rule, a failure for errors."""

from __future__ import annotations

import re
from collections import defaultdict
from xml.etree import ElementTree as ET

from stakes.findings import Finding, Severity
from stakes.linter.catalogue import all_rules
from stakes.linter.result import LintResult
from stakes.render.registry import Options
from stakes.shown import MESSAGE_LIMIT, shown


def render(result: LintResult, options: Options) -> str:
    """A test suite per file; a test case per (file, rule); errors fail, warnings pass with output.

    Every rule appears for every file, so that a clean file shows as passed checks.
    """
    by_case: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in result.findings:
        by_case[(f.file, f.rule.code)].append(f)
    rules = all_rules()
    root = ET.Element("testsuites", name="stakes lint")
    total = failures = 0
    for file in sorted({*result.files, *(f.file for f in result.findings)}):
        suite = ET.SubElement(root, "testsuite", name=_text(file))
        suite_failures = 0
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=_text(file), name=rule.title)
            found = by_case.get((file, rule.code), [])
            errors = [f for f in found if f.severity == Severity.ERROR]
            if errors:
                suite_failures += 1
                failure = ET.SubElement(
                    case, "failure", type=rule.code, message=f"{len(errors)} finding(s)"
                )
                failure.text = "\n".join(_line(f) for f in errors)
            others = [f for f in found if f.severity != Severity.ERROR]
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
        suite.set("tests", str(len(rules)))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        total += len(rules)
        failures += suite_failures
    for error in result.errors:
        suite = ET.SubElement(root, "testsuite", name="inputs", tests="1", failures="0", errors="1")
        case = ET.SubElement(suite, "testcase", classname="inputs", name="read")
        ET.SubElement(case, "error", message=_text(error)).text = _text(error)
    root.set("tests", str(total + len(result.errors)))
    root.set("failures", str(failures))
    root.set("errors", str(len(result.errors)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# Characters XML 1.0 cannot hold at all, even escaped (a file name may contain them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(text: str, limit: int | None = None) -> str:
    """User text for an attribute or a line: JUnit reports are read by people, in test viewers
    and CI logs, so it is shown as every text for people is (``shown``), and then holds no
    character XML cannot."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", shown(text, limit))


def _line(f: Finding) -> str:
    """A finding as one line of the failure's text."""
    subject = f" [{f.subject}]" if f.subject else ""
    hint = f" (hint: {f.hint})" if f.hint else ""
    line = f"{f.location}: {f.severity.label} {f.rule.title}: {f.message}{subject}{hint}"
    return _text(line, MESSAGE_LIMIT)
