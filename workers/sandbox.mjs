// Entry of the BullMQ sandbox child: a forked process does not inherit the TypeScript loader
// that the CLI launcher registered, so register tsx here before loading the processor.
import { register } from 'tsx/esm/api';

register();
const { default: solveJob } = await import('./sandbox.ts');

export default solveJob;
