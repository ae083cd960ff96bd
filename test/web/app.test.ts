/**
 * The web app in a real browser (Debian's chromium) against the real stack: Redis, the API with
 * the web router, and a real worker running the real solver. One story, in order:
 * a planner uploads the Lyon sample day (orders as CSV, fleet as JSON), follows the progress and
 * reads the routes drawn on the map and the ledger; a driver on a phone flags a leg with the
 * keyboard alone; a manager finds that plan in the ledger chart and opens its anytime curve; a
 * driver cannot open the manager page and the client does not even ask for its data.
 * Screenshots go to test-output/web/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanRequest } from '../../src/model/validate.ts';
import type { PlanResult } from '../../src/plan/types.ts';
import { ordersToCsv } from '../../src/web/client/dayCsv.ts';
import { sampleDay, smallDay } from '../support/days.ts';
import { waitUntil } from '../support/processes.ts';
import { type StartedApi, startApiWithRedis } from '../support/stack.ts';
import { tempDir } from '../support/tempDir.ts';
import { launchBrowser, signIn, type TabUnderTest, type TestBrowser } from './browser.ts';

const DATE = '2026-12-01';
/** Short solves keep the browser tests quick; the frugal stop needs 10 s, so it stays out of the way. */
const SOLVE_SECONDS = 3;

let stack: StartedApi;
let browser: TestBrowser;
const files = tempDir('tournee-web-');
/** What the story shares from step to step. */
const story: { planId?: string; result?: PlanResult; driverId?: string; driverKey?: string } = {};

beforeAll(async () => {
  stack = await startApiWithRedis({ TOURNEE_LOG: 'silent' });
  await stack.startWorker({ TOURNEE_SOLVE_MODULE: '' });
  browser = await launchBrowser(stack.api.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  files.remove();
});

/** Presses Tab until the element with this id has the focus (a keyboard user's path). */
async function tabTo(page: Page, id: string, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate('document.activeElement && document.activeElement.id')) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} never got the focus after ${max} Tab presses`);
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const [scroll, width] = (await page.evaluate(
    '[document.documentElement.scrollWidth, window.innerWidth]',
  )) as number[];
  expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(width!);
}

/** expect.poll with room for a busy CI machine (the suite runs other integration tests beside this one). */
function eventually<T>(probe: () => Promise<T>) {
  return expect.poll(probe, { timeout: 15_000, interval: 100 });
}

const apiPaths = (tab: TabUnderTest) => tab.requests.filter((r) => / \/v1\//.test(r));

describe('web app in a real browser', () => {
  it('a planner uploads the sample day (orders CSV + fleet JSON), follows the progress, sees the routes drawn and the ledger', async () => {
    const day = sampleDay();
    const ordersFile = path.join(files.path, 'lyon-orders.csv');
    const fleetFile = path.join(files.path, 'lyon-fleet.json');
    writeFileSync(ordersFile, ordersToCsv(day.orders));
    writeFileSync(fleetFile, JSON.stringify({ depots: day.depots, vehicles: day.vehicles }));

    const tab = await browser.open();
    const { page } = tab;
    await signIn(tab, stack.api.createKey('planner'));
    await eventually(() => page.locator('h1').textContent()).toBe('Plan a day');
    await page.setInputFiles('#day-file', ordersFile);
    await eventually(() => page.locator('#day-status').textContent()).toContain(
      '150 orders loaded from lyon-orders.csv',
    );
    await page.setInputFiles('#fleet-file', fleetFile);
    await eventually(() => page.locator('#fleet-status').textContent()).toContain('9 vehicles and 1 depots');
    expect(await page.locator('#vehicles-table tbody tr').count()).toBe(9);
    await page.fill('#day-name', 'Lyon from the browser');
    await page.fill('#day-date', DATE);
    await page.fill('#day-limit', String(SOLVE_SECONDS));
    await page.click('#submit-plan');

    await page.waitForURL(/#\/planner\/[0-9a-f-]{36}$/);
    const planId = decodeURIComponent(page.url().split('/').pop()!);
    story.planId = planId;
    // Read the live status as it changes, as a person watching the bar would.
    const seen = new Set<string>();
    await waitUntil(
      'the plan to finish in the page',
      async () => {
        const text = (await page.locator('#solve-status').textContent()) ?? '';
        seen.add(text);
        return text.startsWith('Done');
      },
      60_000,
      100,
    );
    expect([...seen].some((t) => /^Searching: [\d.]+ s of 3 s · best objective [\d,.]+/.test(t))).toBe(true);
    expect(await page.locator('#solve-progress').getAttribute('max')).toBe(String(SOLVE_SECONDS));

    const result = (await stack.api.request('GET', `/v1/plans/${planId}/result`)).body as PlanResult;
    story.result = result;
    expect(result.routes.length).toBeGreaterThan(0);
    // The request the API received is the sample day: every order came through the CSV.
    const sent = (await stack.api.request('GET', `/v1/plans/${planId}/request`)).body.original;
    const parsed = parsePlanRequest(day);
    expect(parsed.ok && sent.orders).toEqual(parsed.ok && parsed.value.orders);
    expect(sent.name).toBe('Lyon from the browser');

    // Routes drawn: one SVG line per route, one dot per stop, each route its own colour.
    await page.locator('#plan-map path.route-line').first().waitFor();
    expect(await page.locator('#plan-map path.route-line').count()).toBe(result.routes.length);
    const served = result.routes.reduce((n, r) => n + r.stops.length, 0);
    expect(await page.locator('#plan-map path.stop-point').count()).toBe(served);
    const colours = await page
      .locator('#plan-map path.route-line')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    expect(new Set(colours).size).toBe(result.routes.length);

    // The per-route table and the ledger, as the API has them.
    expect(await page.locator('#routes-table tbody tr').count()).toBe(result.routes.length);
    const first = result.routes[0]!;
    const row = page.locator(`#routes-table tr[data-vehicle="${first.vehicleId}"]`);
    expect(await row.locator('td').nth(1).textContent()).toBe(String(first.stops.length));
    expect(await row.locator('td').nth(2).textContent()).toBe(`${first.departure}–${first.arrival}`);
    const ledger = result.ledger!;
    expect(await page.locator('#ledger-saved dd').textContent()).toContain(
      ledger.net.savedKg.toLocaleString('en-GB', { maximumFractionDigits: 2 }),
    );
    expect(await page.locator('#ledger-payback dd').textContent()).toMatch(/^[\d,.]+×$/);
    expect(await page.locator('#stat-unassigned dd').textContent()).toBe(String(result.unassigned.length));
    await tab.screenshot('planner-plan');

    // Export for a driver: the route's CSV, one line per stop in driving order.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /^CSV of/ }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\r\n');
    expect(csv.length).toBe(first.stops.length + 1);
    expect(csv[1]!.split(',').slice(0, 2)).toEqual(['1', first.stops[0]!.orderId]);
    // …and the print-friendly sheet.
    await row.getByRole('link', { name: /^Print sheet of/ }).click();
    await page.locator('#route-sheet tbody tr').first().waitFor();
    expect(await page.locator('#route-sheet tbody tr').count()).toBe(first.stops.length);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header#top').isVisible()).toBe(false);
    await tab.screenshot('planner-sheet-print');
    await page.emulateMedia({ media: 'screen' });
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('an order no vehicle can reach in time is listed unassigned with its reason, and marked on the map', async () => {
    // Another date: a newer plan of the same orders on the story's date would replace it for the driver.
    const day = { ...smallDay(8, 1), date: '2026-12-03' };
    day.orders.push({
      id: 'O-NIGHT',
      customerId: 'C-NIGHT',
      name: 'Night bakery',
      location: { lat: 45.76, lon: 4.84 },
      demand: { kg: 5 },
      serviceMinutes: 5,
      timeWindows: [{ start: '02:00', end: '02:30' }],
    });
    const planner = stack.api.createKey('planner');
    const sent = await stack.api.request('POST', '/v1/plans', day, { authorization: `Bearer ${planner}` });
    expect(sent.status).toBe(202);
    const tab = await browser.open();
    const { page } = tab;
    await signIn(tab, planner);
    await page.goto(`/app/#/planner/${sent.body.id}`);
    const row = page.locator('#unassigned tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(0).textContent()).toBe('O-NIGHT');
    expect(await row.locator('td').nth(2).textContent()).toMatch(
      /^unreachable_in_time .*after its last window closes \(02:30\)/,
    );
    expect(await page.locator('#plan-map path.unassigned-point').count()).toBe(1);
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('a driver on a 375 px phone sees their route and flags a leg with the keyboard alone', async () => {
    const result = story.result!;
    const route = result.routes.find((r) => r.driverId && r.stops.length >= 2)!;
    story.driverId = route.driverId!;
    story.driverKey = stack.api.createKey('driver', route.driverId!);

    const tab = await browser.open({ width: 375, height: 812 });
    const { page } = tab;
    // Sign in with the keyboard: type the key, Enter.
    await page.goto('/app/');
    await page.locator('#api-key').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('api-key');
    await page.keyboard.type(story.driverKey);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/driver$/);
    // Pick the plan's day with the keyboard.
    await page.locator('#route-date').focus();
    await page.fill('#route-date', DATE);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/driver/${DATE}$`));
    await page.locator('#my-routes li.stop').first().waitFor();

    expect(await page.locator('#my-routes li.stop').count()).toBe(route.stops.length);
    const firstStop = page.locator('#my-routes li.stop').first();
    expect(await firstStop.locator('.eta').textContent()).toBe(route.stops[0]!.arrival);
    expect(await firstStop.locator('.window').textContent()).toMatch(/^\d\d:\d\d–\d\d:\d\d/);
    await noHorizontalOverflow(page);

    // Flag the leg from stop 1 to stop 2: focus its button, Enter, keep "Road blocked", write a note, send.
    await page.locator('li.leg[data-leg="1-2"] button').focus();
    await page.keyboard.press('Enter');
    await page.locator('#flag-dialog[open]').waitFor();
    expect(await page.evaluate('document.activeElement.id')).toBe('flag-kind-blocked_leg');
    await tabTo(page, 'flag-note');
    await page.keyboard.type('Bollards across the street since Monday');
    await tabTo(page, 'flag-send');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('#flag-confirmation').textContent()).toContain('Thank you');
    expect(await page.locator('#flag-dialog[open]').count()).toBe(0);
    expect(await page.locator('#flag-confirmation').textContent()).toContain('applied to new plans');
    // The report is listed with what became of it.
    await eventually(() => page.locator('#my-reports li').count()).toBe(1);
    expect(await page.locator('#my-reports li').first().textContent()).toContain('applied to new plans');
    await noHorizontalOverflow(page);
    await tab.screenshot('driver-375');

    const reports = (await stack.api.request('GET', '/v1/feedback')).body.items;
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      kind: 'blocked_leg',
      planId: story.planId,
      vehicleId: route.vehicleId,
      driverId: route.driverId,
      note: 'Bollards across the street since Monday',
      report: { leg: { fromOrderId: route.stops[0]!.orderId, toOrderId: route.stops[1]!.orderId } },
      constraint: { status: 'active' },
    });

    // A stop, with the pointer this time: the third stop took 12 minutes.
    const third = route.stops[2] ?? route.stops[1]!;
    const position = route.stops.indexOf(third) + 1;
    await page.locator(`li.stop[data-stop="${position}"] button`).click();
    await page.getByLabel('The stop takes a different time').check();
    await page.getByLabel('Minutes actually spent at the stop').fill('12');
    await page.getByRole('button', { name: 'Send report' }).click();
    await eventually(() => page.locator('#my-reports li').count()).toBe(2);
    expect(await page.locator('#flag-confirmation').textContent()).toContain('12 min at the stop');
    const stopReport = (await stack.api.request('GET', '/v1/feedback?kind=service_time')).body.items[0];
    expect(stopReport).toMatchObject({
      report: { orderId: third.orderId, actualMinutes: 12 },
      driverId: route.driverId,
    });

    // A driver's page asks only for the driver's own things.
    for (const r of apiPaths(tab)) {
      expect(r).toMatch(
        /^(GET \/v1\/me|GET \/v1\/drivers\/me\/routes\?date=[\d-]+|GET \/v1\/feedback\?limit=50|POST \/v1\/feedback)$/,
      );
    }
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('the manager sees that plan in the ledger chart, its anytime curve and the constraint the driver taught', async () => {
    const planId = story.planId!;
    // A second day whose search the frugal stop cuts early (its rule made eager for the test).
    const frugal = {
      ...sampleDay(),
      name: 'Frugal day',
      date: '2026-12-02',
      settings: { timeLimitSeconds: 20, seed: 1, frugalStop: true, lp: false },
      emissions: { frugal: { minSeconds: 0.5, windowSeconds: 0.3, windowFraction: 0.1, safetyFactor: 1e6 } },
    };
    const frugalId = (await stack.api.request('POST', '/v1/plans', frugal)).body.id as string;
    await waitUntil(
      'the frugal plan',
      async () => (await stack.api.request('GET', `/v1/plans/${frugalId}`)).body.status === 'succeeded',
      60_000,
      200,
    );
    const frugalResult = (await stack.api.request('GET', `/v1/plans/${frugalId}/result`)).body as PlanResult;
    expect(frugalResult.solve.stoppedBy).toBe('frugal');

    const tab = await browser.open();
    const { page } = tab;
    await signIn(tab, stack.api.createKey('manager'));
    await page.waitForURL(/#\/manager$/);
    const bars = page.locator(`#ledger-chart g.plan-bars[data-plan="${planId}"]`);
    await bars.waitFor();
    // Compute costs thousands of times less than the road saves: the chart says log scale.
    expect(await page.locator('#ledger-chart').getAttribute('data-scale')).toBe('log');
    expect(await bars.locator('rect.bar-saved').count()).toBe(1);
    expect(await bars.locator('rect.bar-compute').count()).toBe(1);
    const [savedTop, computeTop] = await Promise.all([
      bars.locator('rect.bar-saved').getAttribute('y'),
      bars.locator('rect.bar-compute').getAttribute('y'),
    ]);
    expect(Number(savedTop)).toBeLessThan(Number(computeTop));
    expect(await page.locator(`#ledger-table tr[data-plan="${planId}"]`).count()).toBe(1);
    expect(await page.locator('#ledger-total-payback dd').textContent()).toMatch(/×$/);

    // One plan's anytime curve, from its bars in the chart.
    await bars.locator('rect.bar-saved').click();
    await page.waitForURL(new RegExp(`#/manager/${planId}$`));
    await page.locator('#anytime-objective polyline.line-objective').waitFor();
    expect(await page.locator('#anytime-co2 polyline.line-compute').count()).toBe(1);
    expect(await page.locator('#anytime-stop').textContent()).toContain(`stopped (${story.result!.solve.stoppedBy})`);

    // Where the frugal stop cut the other plan's search.
    await page.locator(`#ledger-table tr[data-plan="${frugalId}"] a`).click();
    await page.waitForURL(new RegExp(`#/manager/${frugalId}$`));
    await eventually(() => page.locator('#anytime-stop').textContent()).toContain('The frugal stop cut the search');
    expect(await page.locator('#anytime-co2 .stop-marker.frugal text').textContent()).toBe('frugal stop');
    expect(await page.locator(`#ledger-chart g.plan-bars[data-plan="${frugalId}"]`).count()).toBe(1);

    // The learned constraint with its provenance: the driver's report behind it.
    const item = page.locator('#constraints-list li[data-constraint]').filter({ hasText: 'road blocked' });
    await item.waitFor();
    await item.getByRole('button', { name: /1 driver report/ }).click();
    await eventually(() => item.locator('.reports').textContent()).toContain(`by ${story.driverId}`);
    expect(await item.getByRole('button', { name: /^(Accept|Reject|Expire)/ }).count()).toBe(0);
    await tab.screenshot('manager-ledger');
    // Planning is not a manager's page: refused without asking the API for anything.
    const before = apiPaths(tab).length;
    await page.goto('/app/#/planner');
    await eventually(() => page.locator('main').getAttribute('data-refused')).toBe('planner');
    expect(apiPaths(tab).slice(before)).toEqual([]);
    // A manager reads and changes nothing.
    expect(apiPaths(tab).every((r) => r.startsWith('GET '))).toBe(true);
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('a planner reviews what the driver taught: the constraint, its report, and expiring it with a note', async () => {
    const tab = await browser.open();
    const { page } = tab;
    await signIn(tab, stack.api.createKey('planner'));
    await page.getByRole('link', { name: 'Review constraints' }).click();
    const item = page.locator('#constraints-list li[data-constraint]').filter({ hasText: 'road blocked' });
    await item.waitFor();
    expect(await item.locator('.status').textContent()).toBe('active');
    page.once('dialog', (d) => void d.accept('Street reopened after the works'));
    await item.getByRole('button', { name: /^Expire now/ }).click();
    await eventually(() => item.locator('.status').textContent()).toBe('expired');
    const id = await item.getAttribute('data-constraint');
    const c = (await stack.api.request('GET', `/v1/constraints/${id}`)).body;
    expect(c.status).toBe('expired');
    expect(c.history.at(-1)).toMatchObject({ status: 'expired', detail: 'Street reopened after the works' });
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('a driver cannot open the manager page: nothing rendered, nothing fetched, and the server refuses too', async () => {
    const tab = await browser.open({ width: 375, height: 812 });
    const { page } = tab;
    await signIn(tab, story.driverKey!);
    expect(await page.locator('nav a').allTextContents()).toEqual(['My route']);
    await page.goto(`/app/#/manager/${story.planId}`);
    await eventually(() => page.locator('main h1').textContent()).toBe('Not available with this key');
    await page.goto('/app/#/planner');
    await eventually(() => page.locator('main').getAttribute('data-refused')).toBe('planner');
    await page.waitForTimeout(300);
    expect(await page.locator('#ledger-chart, #ledger-table, #constraints-list, #plan-form').count()).toBe(0);
    const asked = apiPaths(tab);
    expect(asked.filter((r) => /\/v1\/(ledger|constraints|plans)/.test(r))).toEqual([]);
    await tab.screenshot('driver-refused-manager');
    expect(
      (await stack.api.request('GET', '/v1/ledger', undefined, { authorization: `Bearer ${story.driverKey}` })).status,
    ).toBe(403);
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);

  it('every page fits a 375 px screen without sideways scrolling', async () => {
    const tab = await browser.open({ width: 375, height: 812 });
    const { page } = tab;
    const admin = stack.api.createKey('admin');
    await signIn(tab, admin);
    await page.goto('/app/#/planner');
    await page.getByRole('button', { name: 'Load the Lyon sample day' }).click();
    await eventually(() => page.locator('#day-status').textContent()).toBe(
      '150 orders and a fleet of 9 vehicles loaded from sample-day.json.',
    );
    expect(await page.inputValue('#day-date')).toBe(DATE);
    await noHorizontalOverflow(page);
    for (const hash of [`#/planner/${story.planId}`, '#/constraints', '#/manager', `#/manager/${story.planId}`]) {
      await page.goto(`/app/${hash}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await noHorizontalOverflow(page);
    }
    await tab.screenshot('manager-375');
    expect(tab.errors).toEqual([]);
    await tab.close();
  }, 120_000);
});
