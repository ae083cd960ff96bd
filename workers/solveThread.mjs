// Worker-thread entry: threads do not inherit the TypeScript loader, so register tsx here.
import { register } from 'tsx/esm/api';

register();
await import('./solveThread.ts');
