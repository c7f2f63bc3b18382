"""``stakes report --format html``: the report as one self-contained page, for e-mail, a board
pack printed to PDF, or a wiki that does not render Mermaid.

The text is the markdown report's, rendered by markdown-it (the CommonMark parser rich already
brings), so that the two never say different things; the charts are inline SVG
(render/report/figures.py), and the page adds a table of contents, print styles and a section
of charts by journey. Nothing is fetched: no script, font, style sheet or image comes from
anywhere, and a Content-Security-Policy forbids the page to load any. Every user string is
escaped before it reaches markdown (render/markdown.py), so the only HTML in the markdown is
the report's own (the appendix's fold and line breaks in its cells).
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources

from markdown_it import MarkdownIt

from stakes.render.documents import ReportDocument
from stakes.render.registry import Options
from stakes.render.report.figures import Figure
from stakes.render.report.md import parts
from stakes.shown import shown

#: The page may load nothing: styles are inline, charts are inline SVG, there is no script.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _style() -> str:
    return resources.files("stakes").joinpath("data/report.css").read_text(encoding="utf-8")


def render(document: ReportDocument, options: Options) -> str:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    ids: set[str] = set()
    headings: list[tuple[str, str]] = []
    body: list[str] = []
    charts = 0
    for part in parts(document):
        if isinstance(part, Figure):
            charts += 1
            drawn = part.draw(f"chart-{charts}")
            body.append(drawn if part.block else f"<figure>{drawn}</figure>")
            for ident, heading in re.findall(r'<h2 id="([^"]+)">([^<]*)</h2>', drawn):
                ids.add(ident)  # the charts' own section: its id is fixed, and taken first
                headings.append((ident, heading))
            continue
        tokens = md.parse(part)
        for i, token in enumerate(tokens):
            if token.type == "heading_open":
                inline = tokens[i + 1]
                # The title is the user's: its id is fixed, so no title can take the id a link
                # of the report goes to (#method); a section's count is not part of its id.
                name = "report" if token.tag == "h1" else _slug(_COUNT.sub("", inline.content))
                ident = _unique(name, ids)
                token.attrSet("id", ident)
                if token.tag == "h2":
                    headings.append(
                        (ident, md.renderer.render(inline.children or [], md.options, {}))
                    )
        body.append(md.renderer.render(tokens, md.options, {}))
    html = "\n".join(body).replace("<details>", "<details open>")
    contents = "\n".join(f'<li><a href="#{i}">{_plain(t)}</a></li>' for i, t in headings)
    title = escape(" ".join(shown(document.title).split()))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="stakes">\n'
        f"<title>{title}</title>\n<style>\n{_style().strip()}\n</style>\n</head>\n<body>\n"
        '<div class="page">\n<nav aria-label="Contents">\n<h2>Contents</h2>\n<ol>\n'
        f"{contents}\n</ol>\n</nav>\n<main>\n{html}\n</main>\n</div>\n</body>\n</html>\n"
    )


_COUNT = re.compile(r"\s*\(\d+\)$")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _unique(ident: str, seen: set[str]) -> str:
    n, candidate = 1, ident
    while candidate in seen:
        n += 1
        candidate = f"{ident}-{n}"
    seen.add(candidate)
    return candidate


def _plain(html: str) -> str:
    """A heading's rendered text without its markup (a code span stays its text)."""
    return re.sub(r"<[^>]+>", "", html)
