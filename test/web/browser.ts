/**
 * A real browser for the web app's tests: Debian's chromium driven by playwright-core (npm
 * packages cannot download browsers here), headless, with a fresh profile per launch. Each page
 * records every request it makes, so a test can check what the client did not even ask for, and
 * screenshots go to test-output/web/ (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from '../support/processes.ts';
import { tempDir } from '../support/tempDir.ts';

export const SCREENSHOTS = path.join(ROOT, 'test-output/web');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'chromium is not installed: the web app tests drive a real browser. Run `bash scripts/test.sh` ' +
      '(it installs it) or `apt-get install -y chromium`.',
  );
}

export interface TestBrowser {
  /**
   * A new tab, `width` × `height` CSS pixels. Tabs share the profile but not sessionStorage, where
   * the app keeps the key by default: each tab signs in on its own, as a different role if need be.
   */
  open(options?: { width?: number; height?: number }): Promise<TabUnderTest>;
  close(): Promise<void>;
}

export interface TabUnderTest {
  readonly page: Page;
  /** Paths (with query) of every request the page made to the app's server, in order. */
  readonly requests: string[];
  /** Errors thrown in the page and console errors. */
  readonly errors: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(baseUrl: string): Promise<TestBrowser> {
  const profile = tempDir('tournee-chromium-');
  // A persistent context is how playwright passes --user-data-dir: a fresh one per launch.
  const context: BrowserContext = await chromium.launchPersistentContext(profile.path, {
    executablePath: chromiumPath(),
    args: FLAGS,
    headless: true,
    baseURL: baseUrl,
    acceptDownloads: true,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const origin = new URL(baseUrl).origin;
  return {
    async open({ width = 1280, height = 900 } = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => {
        const url = new URL(r.url());
        if (url.origin === origin) requests.push(`${r.method()} ${url.pathname}${url.search}`);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      return {
        page,
        requests,
        errors,
        async screenshot(name) {
          await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
        },
        async close() {
          await page.close();
        },
      };
    },
    async close() {
      await context.close().catch(() => undefined);
      profile.remove();
    },
  };
}

/** Signs in on the login form with a key (as a person would: type, press Enter). */
export async function signIn(tab: TabUnderTest, key: string): Promise<void> {
  await tab.page.goto('/app/');
  await tab.page.getByLabel('API key').fill(key);
  await tab.page.getByLabel('API key').press('Enter');
  await tab.page.locator('[data-role]').waitFor();
}
