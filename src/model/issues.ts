/**
 * Validation issues: one per bad field, with its JSON path in two spellings (a readable
 * `orders[3].demand.kg` and an RFC 6901 pointer `/orders/3/demand/kg`) and a message a person
 * can act on. Errors are values: validation never throws.
 */
export type PathSegment = string | number;

export interface ValidationIssue {
  readonly path: string;
  readonly pointer: string;
  readonly message: string;
}

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || '$';
}

export function formatPointer(segments: readonly PathSegment[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

export function issue(segments: readonly PathSegment[], message: string): ValidationIssue {
  return { path: formatPath(segments), pointer: formatPointer(segments), message };
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });
