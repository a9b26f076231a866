#!/usr/bin/env node
// Launcher: loads the compiled CLI. Run `npm run build` first when working from a clone.
import { main } from '../dist/cli/main.js';

main(process.argv).then((exitCode) => {
  process.exitCode = exitCode;
  // A keychain call that timed out is not cancelled by keytar and keeps the event loop alive, so
  // a locked keyring would hang cron. The unref'd timer only fires when something like that is
  // still pending a second after the command finished.
  setTimeout(() => process.exit(exitCode), 1000).unref();
});
