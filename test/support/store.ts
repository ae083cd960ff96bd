/** A real SQLite store in a fresh temp directory; `close()` closes it and deletes the directory. */
import path from 'node:path';
import { openStore, type Store } from '../../src/store/index.ts';
import { tempDir } from './tempDir.ts';

export interface TestStore {
  readonly store: Store;
  close(): void;
}

export function testStore(prefix?: string): TestStore {
  const dir = tempDir(prefix);
  const store = openStore(path.join(dir.path, 'tournee.db'));
  return {
    store,
    close() {
      store.close();
      dir.remove();
    },
  };
}
