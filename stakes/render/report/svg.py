"""Inline SVG for the HTML report, written by hand: a few kilobytes per chart, the same bytes for
the same inputs (the golden files pin them), text that stays text (selectable, searchable, read
by screen readers) and no dependency on the start-up path. Every chart has a title and a
description for assistive technology, and never carries meaning by colour alone: each mark is
also labelled, or named in a legend with its words."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

from stakes.shown import shown

#: Each verdict's colour (Okabe-Ito, safe for the common colour-vision deficiencies), its
#: name, and the mark written on its bars, so that colour is never the only carrier.
VERDICTS: dict[str, tuple[str, str]] = {
    "automate": ("#009E73", "Au automate"),
    "guarded": ("#56B4E9", "G guarded: AI with a way to a person"),
    "assist": ("#E69F00", "As assist: a person decides, AI helps"),
    "human-only": ("#D55E00", "H human-only"),
}
#: Each stakes level's fill in the heat map (dark text stays readable on every one).
LEVELS = {"low": "#FFF5EB", "moderate": "#FDD0A2", "high": "#FD8D3C", "critical": "#E6550D"}
FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"
INK, MUTED, RULE = "#1A1A1A", "#4D4D4D", "#BDBDBD"


def text(value: object, limit: int = 200) -> str:
    """User text as SVG character data: shown (controls made visible), cut, escaped."""
    value = " ".join(shown(value).split())
    if len(value) > limit:
        value = value[: limit - 1].rstrip() + "…"
    return escape(value, quote=True)


@dataclass
class Canvas:
    """One SVG: its size, its title and description (for assistive technology), and marks."""

    ident: str
    width: int
    height: int
    title: str
    desc: str
    marks: list[str] = field(default_factory=list)

    def add(self, *marks: str) -> None:
        self.marks.extend(marks)

    def label(
        self,
        x: float,
        y: float,
        value: str,
        *,
        size: int = 12,
        anchor: str = "start",
        fill: str = INK,
        weight: str = "normal",
        rotate: float = 0,
    ) -> None:
        """Text at (x, y); ``value`` is already escaped."""
        turn = f' transform="rotate({rotate:g} {x:.1f} {y:.1f})"' if rotate else ""
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}" font-weight="{weight}"{turn}>{value}</text>'
        )

    def rect(self, x: float, y: float, w: float, h: float, fill: str, tip: str = "") -> None:
        inner = f"<title>{tip}</title>" if tip else ""
        end = f">{inner}</rect>" if inner else "/>"
        self.add(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
            f'fill="{fill}"{end}'
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, *, dash: bool = False) -> None:
        style = ' stroke-dasharray="4 3"' if dash else ""
        self.add(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{MUTED}" '
            f'stroke-width="1"{style}/>'
        )

    def dot(self, cx: float, cy: float, colour: str, tip: str) -> None:
        """A point, its ``tip`` (escaped) shown on hover and read by screen readers."""
        self.add(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}" stroke="{INK}">'
            f"<title>{tip}</title></circle>"
        )

    def legend(self, x: float, y: float, items: Iterable[tuple[str, str]]) -> None:
        """Colour swatches, each with its name in words."""
        for colour, name in items:
            self.rect(x, y - 9, 10, 10, colour)
            self.label(x + 14, y, escape(name), size=11)
            x += 24 + 6.2 * len(name)

    def render(self) -> str:
        t, d = f"{self.ident}-title", f"{self.ident}-desc"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{t} {d}" '
            f'viewBox="0 0 {self.width} {self.height}" width="{self.width}" '
            f'height="{self.height}" style="{FONT};max-width:100%;height:auto">'
            f'<title id="{t}">{self.title}</title><desc id="{d}">{self.desc}</desc>'
            + "".join(self.marks)
            + "</svg>"
        )


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (0-100), its colour key and a tip (all escaped)."""

    name: str
    value: float
    key: str
    tip: str = ""


def bars(
    ident: str,
    title: str,
    desc: str,
    shown_bars: Sequence[Bar],
    lines: Sequence[tuple[float, str]],
    colours: dict[str, tuple[str, str]],
    axis: str,
) -> str:
    """A bar chart on 0-100 with labelled horizontal threshold ``lines`` (value, name), bars
    coloured by ``colours`` (key: colour and name, named in the legend), each bar's value
    written above it and its name below."""
    n = max(len(shown_bars), 1)
    step = min(56.0, 640.0 / n)
    left, top, plot_h = 96.0, 56.0, 200.0
    width = int(left + step * n + 150)
    c = Canvas(ident, max(width, 480), int(top + plot_h + 120), title, desc)
    c.label(left, 20, title, size=14, weight="bold")
    used = [key for key in colours if any(b.key == key for b in shown_bars)]
    c.legend(left, 42, (colours[k] for k in used))

    def y(v: float) -> float:
        return top + plot_h * (1 - v / 100)

    c.line(left, top, left, top + plot_h)
    c.line(left, top + plot_h, left + step * n, top + plot_h)
    for v in (0, 50, 100):
        c.label(left - 6, y(v) + 4, str(v), size=10, anchor="end", fill=MUTED)
    c.label(56, top + plot_h / 2, escape(axis), size=11, anchor="middle", fill=MUTED, rotate=-90)
    for i, b in enumerate(shown_bars):
        x = left + step * i + step * 0.15
        w = step * 0.7
        c.rect(x, y(b.value), w, y(0) - y(b.value), colours[b.key][0], b.tip)
        c.label(x + w / 2, y(b.value) - 4, f"{b.value:g}", size=10, anchor="middle")
        mark = colours[b.key][1].split(" ", 1)[0] if len(colours) > 1 else ""
        if mark and b.value >= 8:
            c.label(x + w / 2, y(0) - 5, mark, size=10, anchor="middle", weight="bold")
        c.label(x + w / 2, top + plot_h + 14, b.name, size=10, anchor="end", rotate=-35)
    for value, name in lines:
        c.line(left, y(value), left + step * n, y(value), dash=True)
        c.label(left + step * n + 6, y(value) + 4, escape(name), size=11, fill=MUTED)
    return c.render()
