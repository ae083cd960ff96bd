/**
 * `tournee submit FILE --url URL [--wait]`: sends a day to a running API, follows its progress
 * and prints the plan. This is what the demo uses; it speaks only the public HTTP API.
 */
import { writeFileSync } from 'node:fs';
import type { PlanRequest } from '../model/schema.ts';
import type { PlanResult } from '../plan/types.ts';
import { readJson } from './input.ts';
import { flags, UsageError } from './main.ts';
import { formatSummary } from './summary.ts';

interface PlanStatusBody {
  status: string;
  elapsedMs: number | null;
  bestObjective: number | null;
  error: string | null;
}

export async function submitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = flags({
    args: argv,
    allowPositionals: true,
    options: { url: { type: 'string' }, wait: { type: 'boolean' }, out: { type: 'string' }, key: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('usage: tournee submit FILE [--url URL] [--key KEY] [--wait] [--out FILE]');
  const base = (values.url ?? process.env.TOURNEE_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  // A planner (or admin) API key: --key, or TOURNEE_API_KEY (see `tournee keys create`).
  const key = values.key ?? process.env.TOURNEE_API_KEY;
  const auth: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const body = readJson(file);

  const res = await fetch(`${base}/v1/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(body),
  });
  const accepted = (await res.json()) as {
    id?: string;
    error?: { message: string; issues?: { path: string; message: string }[] };
  };
  if (res.status !== 202 || !accepted.id) {
    const issues = accepted.error?.issues?.map((i) => `\n  ${i.path}: ${i.message}`).join('') ?? '';
    process.stderr.write(`the API refused the plan (${res.status}): ${accepted.error?.message ?? ''}${issues}\n`);
    return 1;
  }
  const id = accepted.id;
  process.stderr.write(`plan ${id} accepted: ${base}/v1/plans/${id}\n`);
  if (!values.wait) {
    process.stdout.write(`${id}\n`);
    return 0;
  }

  let status: PlanStatusBody;
  const tty = process.stderr.isTTY === true;
  let printed = '';
  let lastStatus = '';
  let lastPrint = 0;
  for (;;) {
    status = (await (await fetch(`${base}/v1/plans/${id}`, { headers: auth })).json()) as PlanStatusBody;
    const best = status.bestObjective === null ? '' : `  best objective ${status.bestObjective.toFixed(2)}`;
    const elapsed = status.elapsedMs === null ? '' : `  ${(status.elapsedMs / 1000).toFixed(0)} s`;
    const line = `  ${status.status}${elapsed}${best}`;
    const done = ['succeeded', 'failed', 'cancelled'].includes(status.status);
    if (tty) process.stderr.write(`\r${line.padEnd(printed.length)}`);
    else if (status.status !== lastStatus || Date.now() - lastPrint >= 5000) {
      process.stderr.write(`${line}\n`);
      lastPrint = Date.now();
    }
    printed = line;
    lastStatus = status.status;
    if (done) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (tty) process.stderr.write('\n');
  const resultRes = await fetch(`${base}/v1/plans/${id}/result`, { headers: auth });
  if (resultRes.status !== 200) {
    process.stderr.write(`plan ${id} ${status.status}: ${status.error ?? 'no plan'}\n`);
    return 1;
  }
  const result = (await resultRes.json()) as PlanResult;
  if (values.out) writeFileSync(values.out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${formatSummary(result, body as PlanRequest)}\n`);
  return status.status === 'succeeded' ? 0 : 1;
}
