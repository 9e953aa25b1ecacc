import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { DEMO_PASSWORD } from "~/seed/generate";

export { DEMO_PASSWORD };

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"];

export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

/** One signed-out or signed-in browser tab with the checks every journey gets for free. */
export interface Portal {
  page: Page;
  context: BrowserContext;
  baseURL: string;
  /** Loads a path as a document, waits for hydration, and checks the page with axe. */
  visit(path: string): Promise<Response | null>;
  /** After a click that navigates: waits for the new page to settle and checks it with axe. */
  settle(): Promise<void>;
  /** Runs axe on the page as it is now; violations fail the test at its end, listed per page. */
  checkAccessibility(label?: string): Promise<void>;
  /** Creates a session the way a browser would: the sign-in form posted from our own origin. */
  signIn(email: string): Promise<void>;
  /** Console errors matching this are expected (say, the 404 of a page that is refused). */
  allowConsoleError(pattern: RegExp): void;
  /** Pathnames (with search) of every page shown in this tab so far. */
  visited(): string[];
}

interface Tracked {
  portal: Portal;
  problems: () => string[];
}

/** Call at the top of a test file: one Chromium per file, a fresh context per `open()`. */
export function useBrowser() {
  let browser: Browser | undefined;
  const open: Tracked[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });

  afterEach(async () => {
    const tabs = open.splice(0);
    const problems = tabs.flatMap((tab) => tab.problems());
    await Promise.all(tabs.map((tab) => tab.portal.context.close().catch(() => {})));
    if (problems.length > 0) throw new Error(problems.join("\n\n"));
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    async open(options: BrowserContextOptions = {}): Promise<Portal> {
      if (!browser) throw new Error("useBrowser(): the browser is not running (called outside a test?)");
      const tracked = await openPortal(browser, options);
      open.push(tracked);
      return tracked.portal;
    },
  };
}

async function openPortal(browser: Browser, options: BrowserContextOptions): Promise<Tracked> {
  const baseURL = inject("baseURL");
  const context = await browser.newContext({ baseURL, ...options });
  const page = await context.newPage();
  const javaScript = options.javaScriptEnabled !== false;

  const visited: string[] = [];
  const checked = new Set<string>();
  const a11yReports: string[] = [];
  const consoleErrors: string[] = [];
  const allowed: RegExp[] = [];
  const where = () => pathOf(page.url());

  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(pathOf(frame.url()));
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const source = message.location().url;
    // Chromium asks for /favicon.ico by itself; the app has no icon yet, which is not the page's fault.
    if (source && new URL(source, baseURL).pathname === "/favicon.ico") return;
    consoleErrors.push(`${where()}: console error: ${message.text()}${source ? ` (${source})` : ""}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${where()}: uncaught ${error.name}: ${error.message}`));

  async function settle() {
    await page.waitForLoadState("load");
    // axe runs as a script in the page, so a tab without JavaScript cannot be checked; the same
    // pages are checked by the journeys that run with it.
    if (!javaScript) return;
    await waitForHydration(page);
    await checkAccessibility();
  }

  async function checkAccessibility(label?: string) {
    const path = where();
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    checked.add(path);
    if (results.violations.length > 0) a11yReports.push(formatViolations(label ? `${path} (${label})` : path, results.violations));
  }

  const portal: Portal = {
    page,
    context,
    baseURL,
    async visit(path) {
      const response = await page.goto(path);
      await settle();
      return response;
    },
    settle,
    checkAccessibility,
    async signIn(email) {
      const response = await context.request.post("/sign-in", {
        form: { email, password: DEMO_PASSWORD },
        headers: { Origin: baseURL },
        maxRedirects: 0,
      });
      if (response.status() !== 302) {
        throw new Error(`Signing in as ${email} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
      }
      const cookies = await context.cookies(baseURL);
      if (!cookies.some((cookie) => cookie.name === "px_session")) {
        throw new Error(`Signing in as ${email} set no px_session cookie the browser would send to ${baseURL}`);
      }
    },
    allowConsoleError(pattern) {
      allowed.push(pattern);
    },
    visited: () => [...visited],
  };

  return {
    portal,
    problems() {
      const problems = [...a11yReports];
      const unchecked = javaScript ? [...new Set(visited)].filter((path) => path !== "/blank" && !checked.has(path)) : [];
      if (unchecked.length > 0) {
        problems.push(`Pages shown without an accessibility check (call portal.visit/settle/checkAccessibility):\n  ${unchecked.join("\n  ")}`);
      }
      const unexpected = consoleErrors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      if (unexpected.length > 0) problems.push(`Errors in the browser console:\n  ${unexpected.join("\n  ")}`);
      return problems;
    },
  };
}

/**
 * Hydrated means React has claimed the server's markup (its fiber keys are on the DOM) and the
 * Remix router is initialised and idle, so clicks are handled by the app rather than the browser.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(
    () => {
      const router = (window as unknown as { __remixRouter?: { state: { initialized: boolean; navigation: { state: string } } } })
        .__remixRouter;
      const footer = document.querySelector("footer");
      return Boolean(
        router?.state.initialized &&
          router.state.navigation.state === "idle" &&
          footer &&
          Object.keys(footer).some((key) => key.startsWith("__reactFiber$")),
      );
    },
    undefined,
    { timeout: 15_000 },
  );
}

function pathOf(url: string): string {
  if (url === "about:blank") return "/blank";
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

export function formatViolations(where: string, violations: Violation[]): string {
  const lines = [`Accessibility violations on ${where} (${AXE_TAGS.join(", ")}):`];
  for (const violation of violations) {
    lines.push(`  - ${violation.id} [${violation.impact ?? "unknown"}]: ${violation.help}`);
    lines.push(`    ${violation.helpUrl}`);
    for (const node of violation.nodes.slice(0, 5)) {
      const summary = (node.failureSummary ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
      lines.push(`      • ${node.target.join(" ")}: ${summary}`);
    }
    if (violation.nodes.length > 5) lines.push(`      … and ${violation.nodes.length - 5} more`);
  }
  return lines.join("\n");
}

/** The text of each link in the main navigation, in order. */
export async function mainNavigation(page: Page): Promise<{ label: string; href: string }[]> {
  return page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link")
    .evaluateAll((links) =>
      links.map((link) => ({ label: (link.textContent ?? "").trim(), href: link.getAttribute("href") ?? "" })),
    );
}
