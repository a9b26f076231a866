#!/usr/bin/env node
// Launcher: loads the compiled CLI. Run `npm run build` first when working from a clone.
import { main } from '../dist/cli/main.js';

main(process.argv).then((exitCode) => {
  process.exitCode = exitCode;
});
