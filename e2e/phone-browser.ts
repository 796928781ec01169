import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import axe from "axe-core";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { startTestService, type TestService } from "../test/service.js";

/** Debian's chromium (never a downloaded browser); missing: skipped locally, a failure in CI. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const IN_CI = process.env.CI === "true";
export const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
const HERE = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURES = path.join(HERE, "../test/fixtures/files");
export const ARTIFACTS = path.join(HERE, "artifacts");
export const PHONE_WIDTH = 390;

/**
 * Starts the service listening on loopback and a phone-sized Chromium context (Thai locale) for it.
 * The flags keep Chromium off the network, which is closed here.
 */
export async function openPhoneBrowser(
  service: TestService,
  options: { acceptDownloads?: boolean } = {},
): Promise<{ browser: Browser; context: BrowserContext; baseUrl: string }> {
  if (!HAVE_CHROMIUM)
    throw new Error(`CI=true but no Chromium at ${CHROMIUM}: install Debian chromium or set CHROMIUM_PATH`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await service.app.listen({ host: "127.0.0.1", port: 0 });
  const address = service.app.server.address();
  if (!address || typeof address === "string") throw new Error("the service is not listening on TCP");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    timeout: 30_000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({
    viewport: { width: PHONE_WIDTH, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "th-TH",
    acceptDownloads: options.acceptDownloads ?? false,
  });
  context.setDefaultTimeout(15_000);
  // Every page keeps what its Content-Security-Policy blocked, for blockingAxeViolations to report.
  await context.addInitScript({
    content: `window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.cspViolations.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline")));`,
  });
  return { browser, context, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** What a browser suite works with; set by `usePhoneBrowser` before the suite's tests run. */
export interface PhoneSuite {
  service: TestService;
  browser: Browser;
  context: BrowserContext;
  baseUrl: string;
}

/**
 * Before the suite's tests, starts the service (`start`, or a plain one on SQLite) and a phone browser
 * for it; after them, closes both.
 */
export function usePhoneBrowser(
  options: { acceptDownloads?: boolean; start?: () => Promise<TestService> } = {},
): PhoneSuite {
  const suite: Partial<PhoneSuite> = {};
  beforeAll(async () => {
    suite.service = await (options.start ?? (() => startTestService("sqlite")))();
    Object.assign(suite, await openPhoneBrowser(suite.service, options));
  }, 30_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.service?.stop();
  }, 30_000);
  return suite as PhoneSuite;
}

/** What the page's Content-Security-Policy blocked since it loaded (nothing, when the page works under it). */
export const cspViolations = (page: Page) => page.evaluate<string[]>("window.cspViolations ?? []");

/**
 * axe-core on the page as it stands: the violations that block people (serious, critical), and a report.
 * Also fails when the page's CSP blocked anything of its own.
 */
export async function blockingAxeViolations(page: Page) {
  expect(await cspViolations(page), `CSP violations on ${page.url()}`).toEqual([]);
  // Evaluated by the browser's debugger, not as an inline <script>, which the pages' CSP refuses.
  await page.evaluate(`${axe.source};undefined`);
  const results = await page.evaluate<axe.AxeResults>("axe.run()");
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = blocking.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target),
  }));
  return { blocking, report: JSON.stringify(report, null, 2) };
}

/** No serious or critical axe-core finding, no sideways scrolling on the phone; a full-page screenshot kept. */
export async function expectUsableOnPhone(page: Page, name: string): Promise<void> {
  const { blocking, report } = await blockingAxeViolations(page);
  expect(blocking, `axe on ${name}: ${report}`).toEqual([]);
  const scrollWidth = await page.evaluate<number>("document.documentElement.scrollWidth");
  expect(scrollWidth, `${name} scrolls horizontally on a 390 px phone`).toBeLessThanOrEqual(PHONE_WIDTH);
  await page.screenshot({ path: path.join(ARTIFACTS, `office-${name}-th-phone.png`), fullPage: true });
}
