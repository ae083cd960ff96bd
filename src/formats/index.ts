/** Instance readers: Solomon and VRPLIB text files to the compiled ProblemData. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ParsedInstance } from './build.ts';
import { parseSolomon } from './solomon.ts';
import { parseVrplib } from './vrplib.ts';

export { FormatError, type ParsedInstance } from './build.ts';
export { parseSolomon } from './solomon.ts';
export { parseVrplib } from './vrplib.ts';

export type InstanceFormat = 'solomon' | 'vrplib';

/** Guesses the format from the extension (.vrp => vrplib, .txt => solomon). */
export function guessFormat(file: string): InstanceFormat | null {
  if (/\.vrp$/i.test(file)) return 'vrplib';
  if (/\.txt$/i.test(file)) return 'solomon';
  return null;
}

export function readInstanceFile(file: string, format: InstanceFormat): ParsedInstance {
  const text = readFileSync(file, 'utf8');
  return format === 'solomon' ? parseSolomon(text, basename(file)) : parseVrplib(text, basename(file));
}
