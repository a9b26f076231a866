import { ExitCode } from './errors.js';

let removeHandler: (() => void) | undefined;

/**
 * Ends the process with exit code 130 on Ctrl-C, after writing `message`. Pending requests,
 * spinners and listening servers end with the process, which frees their ports. Returns a
 * function that removes the handler.
 */
export function exitOnInterrupt(stderr: NodeJS.WritableStream, message: () => string): () => void {
  const onInterrupt = () => {
    stderr.write(message());
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
