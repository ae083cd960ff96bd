/** Reading a plan request from a file, with the same validation as the API. */
import { readFileSync } from 'node:fs';
import type { PlanRequest } from '../model/schema.ts';
import { parsePlanRequest } from '../model/validate.ts';

export class InputError extends Error {
  override name = 'InputError';
}

/** Parses and validates FILE; an InputError lists every bad field like the API's 400 does. */
export function readPlanRequest(file: string): PlanRequest {
  const body = readJson(file);
  const parsed = parsePlanRequest(body);
  if (!parsed.ok) {
    const lines = parsed.error.map((i) => `  ${i.path}: ${i.message}`);
    throw new InputError(`${file} is not a valid plan request (${parsed.error.length} problems):\n${lines.join('\n')}`);
  }
  return parsed.value;
}

export function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}
