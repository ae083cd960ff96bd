/**
 * The web client is TypeScript (src/web/client), turned into browser JavaScript on request with
 * esbuild's `transform`: no build step, no build output in the repository. One file at a time
 * (the browser loads the ES modules itself), cached per file until its modification time changes.
 * Bare imports of vendored libraries (e.g. "leaflet") are rewritten to the URLs the router serves
 * them at, so the client type-checks against the package's types and loads it offline.
 */
import { readFileSync, statSync } from 'node:fs';
import { transform } from 'esbuild';

export interface Transpiled {
  readonly code: string;
  readonly mtimeMs: number;
}

export class ClientTranspiler {
  private readonly cache = new Map<string, Transpiled>();

  constructor(private readonly bareImports: Readonly<Record<string, string>>) {}

  /** The JavaScript of one client file, or a thrown error whose message names the file and line. */
  async load(file: string): Promise<string> {
    const { mtimeMs } = statSync(file);
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.code;
    const source = readFileSync(file, 'utf8');
    const out = await transform(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcefile: file,
      sourcemap: 'inline',
      // The client's own modules import each other as "./x.ts": the router serves them under that name.
    });
    const code = this.rewriteBareImports(out.code);
    this.cache.set(file, { code, mtimeMs });
    return code;
  }

  private rewriteBareImports(code: string): string {
    let out = code;
    for (const [name, url] of Object.entries(this.bareImports)) {
      out = out.replaceAll(`from "${name}"`, `from ${JSON.stringify(url)}`);
    }
    return out;
  }
}
