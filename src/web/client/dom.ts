/** Small DOM helpers: elements from tag, attributes and children; number formats people read. */

export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttrValue = string | number | boolean | null | undefined | ((e: Event) => void);
export type Attrs = Record<string, AttrValue>;

function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

function setAttrs(el: Element, attrs: Attrs | undefined): void {
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
}

/** An HTML element: h('button', {type: 'button', onclick: f}, 'Save'). `on…` attributes are listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s(tag: string, attrs?: Attrs, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`no element #${id}`);
  return el as T;
}

/** A number with at most `digits` decimals, in the page's locale grouping. */
export function num(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A quantity with its unit; small ones keep two decimals (0.04 m3 is not 0 m3). */
export function quantity(q: number, unit: string): string {
  return `${num(q, Math.abs(q) < 1 ? 2 : 1)} ${unit}`;
}

/** Grams, scaled for reading: 0.42 g, 12.3 g, 4.1 kg, 2.3 t. */
export function grams(g: number | null | undefined): string {
  if (g === null || g === undefined || !Number.isFinite(g)) return '–';
  const a = Math.abs(g);
  if (a >= 1e6) return `${num(g / 1e6, 2)} t`;
  if (a >= 1e3) return `${num(g / 1e3, 2)} kg`;
  if (a >= 1) return `${num(g, 1)} g`;
  return `${num(g, 3)} g`;
}

/** A ratio like 1 234×. */
export function ratio(r: number | null | undefined): string {
  return r === null || r === undefined ? '–' : `${num(r, r >= 100 ? 0 : 1)}×`;
}

/** Starts a download of text or a blob under a file name. */
export function download(name: string, content: string | Blob, type = 'text/plain'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a file the user picked. */
export function readFileText(file: File): Promise<string> {
  return file.text();
}

/** Today's date on this device, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
