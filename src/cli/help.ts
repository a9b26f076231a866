import type { Command } from 'commander';

/** Adds the `Example:` section shown at the end of a command's `--help`. */
export function withExample(command: Command, ...examples: string[]): Command {
  const lines = examples.map((example) => `  $ ${example}`).join('\n');
  return command.addHelpText('after', `\nExample:\n${lines}\n`);
}
