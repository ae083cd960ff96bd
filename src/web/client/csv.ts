/**
 * CSV as spreadsheets write it (RFC 4180): quoted fields with "" for a quote, CRLF or LF line
 * ends, a UTF-8 byte-order mark. The separator is a comma, or a semicolon when the header uses
 * semicolons (French spreadsheets do), and then a decimal comma is accepted in numbers too.
 * Pure functions: used by the pages and by the unit tests.
 */

export interface CsvTable {
  readonly separator: ',' | ';';
  readonly header: readonly string[];
  /** Data rows, each with its line number in the file (1 = the header). */
  readonly rows: readonly { readonly line: number; readonly cells: readonly string[] }[];
}

export function parseCsv(text: string): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const records = splitRecords(body, separator);
  const [head, ...rest] = records;
  const header = (head?.cells ?? []).map((h) => h.trim());
  const rows = rest.filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { separator, header, rows };
}

function splitRecords(text: string, sep: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === sep) {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      out.push({ line: recordLine, cells });
      cells = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    out.push({ line: recordLine, cells });
  }
  return out;
}

/** One CSV line per row, CRLF line ends; fields quoted when they need it. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // A leading =, +, -, @ in text would run as a formula in a spreadsheet.
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
