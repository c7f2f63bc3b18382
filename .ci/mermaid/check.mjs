// Parse every ```mermaid block of the markdown files named on the command line with Mermaid's
// own parser (the one GitHub's renderer uses), in Node with jsdom standing in for a browser.
// Prints "ok FILE:LINE TYPE" or "BAD FILE:LINE reason" per diagram; exits 1 if any is bad,
// 2 if a file has no diagram at all (a check that checks nothing must not pass).
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = window;
globalThis.document = window.document;

const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

function* diagrams(text) {
  const fence = /^```mermaid\n([\s\S]*?)^```/gm;
  for (const match of text.matchAll(fence)) {
    const line = text.slice(0, match.index).split("\n").length;
    yield { line, source: match[1] };
  }
}

let bad = 0;
let empty = 0;
for (const file of process.argv.slice(2)) {
  let seen = 0;
  for (const { line, source } of diagrams(readFileSync(file, "utf8"))) {
    seen += 1;
    try {
      const parsed = await mermaid.parse(source);
      console.log(`ok ${file}:${line} ${parsed.diagramType}`);
    } catch (error) {
      bad += 1;
      const reason = String(error?.message ?? error).split("\n").slice(0, 3).join(" | ");
      console.log(`BAD ${file}:${line} ${reason}`);
    }
  }
  if (seen === 0) {
    empty += 1;
    console.log(`EMPTY ${file}: no mermaid diagram`);
  }
}
process.exit(bad ? 1 : empty ? 2 : 0);
