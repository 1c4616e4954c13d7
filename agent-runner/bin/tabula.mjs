#!/usr/bin/env node
// The `tabula` command. The sources are TypeScript; tsx compiles them on the fly, so there is no
// build step between an edit and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli.ts');
process.exitCode = await main(process.argv.slice(2));
