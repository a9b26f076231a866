import { ExitCode } from './errors.js';

let removeHandler: (() => void) | undefined;
let describeProgress: (() => string) | undefined;

/**
 * Ends the process with exit code 130 on Ctrl-C, after writing `message`, which receives what
 * `setInterruptNote` last registered. Pending requests, spinners and listening servers end with
 * the process, which frees their ports. Returns a function that removes the handler.
 */
export function exitOnInterrupt(
  stderr: NodeJS.WritableStream,
  message: (note: string | undefined) => string,
): () => void {
  const onInterrupt = () => {
    stderr.write(message(describeProgress?.()));
    process.exit(ExitCode.interrupted);
  };
  process.once('SIGINT', onInterrupt);
  removeHandler = () => process.removeListener('SIGINT', onInterrupt);
  return removeHandler;
}

/**
 * Lets the running command handle Ctrl-C itself, such as `emjpm sandbox`, which closes its server
 * and saves its data file before it returns.
 */
export function handleInterruptsInCommand(): void {
  removeHandler?.();
  removeHandler = undefined;
}

/**
 * Registers what a command has already changed, such as the mesures a purge deleted, so that a
 * Ctrl-C message reports it. `undefined` removes the note.
 */
export function setInterruptNote(describe: (() => string) | undefined): void {
  describeProgress = describe;
}
