// Render each HTML report named on the command line in Debian's chromium, headless, as a reader
// would open an e-mail attachment (file://, no network), and check it:
// - an HTML5 parse (parse5, the parser jsdom uses) with no error;
// - the page asks for nothing: any request but the file itself fails the check, and so does a
//   dialog (a script that ran) or an error in the console;
// - axe-core finds no serious or critical accessibility violation;
// - it has a top heading, a table of contents and at least one chart with a title.
// With --screenshot FILE, the first page of the first report is saved as a PNG.
// Prints "ok FILE ..." or "BAD FILE reason" per report; exits 1 if any is bad.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "parse5";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axe = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const args = process.argv.slice(2);
let screenshot = null;
const files = [];
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === "--screenshot") screenshot = args[++i];
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error("usage: node check.mjs [--screenshot FILE.png] REPORT.html...");
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--allow-file-access-from-files",
  ],
});

let bad = 0;
for (const [n, file] of files.entries()) {
  const problems = [];
  const html = readFileSync(file, "utf8");
  parse(html, { onParseError: (e) => problems.push(`HTML5 parse error ${e.code} at line ${e.startLine}`) });

  const url = pathToFileURL(resolve(file)).href;
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const asked = request.url();
    if (asked === url || asked.startsWith("data:")) return request.continue();
    problems.push(`asked for ${asked}`);
    return request.abort();
  });
  page.on("dialog", async (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url, { waitUntil: "load" });

  const shape = await page.evaluate(() => ({
    h1: document.querySelectorAll("h1").length,
    contents: document.querySelectorAll("nav a[href^='#']").length,
    charts: [...document.querySelectorAll("svg[role=img]")].filter((s) => s.querySelector("title")?.textContent).length,
    scripts: document.querySelectorAll("script").length,
  }));
  if (shape.h1 !== 1) problems.push(`${shape.h1} top headings`);
  if (shape.contents < 3) problems.push("no table of contents");
  if (shape.charts < 1) problems.push("no chart with a title");
  if (shape.scripts) problems.push(`${shape.scripts} scripts in the page`);

  // axe-core, injected for the check only (the page itself has no script).
  await page.setBypassCSP(true);
  await page.reload({ waitUntil: "load" });
  await page.evaluate(axe);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      problems.push(`axe ${v.impact}: ${v.id} (${v.nodes.length}): ${v.help}`);
    }
  }
  const minor = result.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");

  if (screenshot && n === 0) {
    await page.setBypassCSP(false);
    await page.reload({ waitUntil: "load" });
    await page.screenshot({ path: screenshot });
  }
  await page.close();
  if (problems.length) {
    bad += 1;
    for (const p of problems) console.log(`BAD ${file} ${p}`);
  } else {
    const note = minor.length ? `; minor: ${minor.map((v) => v.id).join(", ")}` : "";
    console.log(`ok ${file}: ${shape.charts} charts, ${shape.contents} contents links, axe clean${note}`);
  }
}
await browser.close();
process.exit(bad ? 1 : 0);
