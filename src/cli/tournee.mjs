#!/usr/bin/env node
// The `tournee` command. The package runs TypeScript directly: register tsx, then load the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
const code = await main(process.argv.slice(2));
process.exit(code);
