import type { Command } from 'commander';

/** Commands that already have an `Example:` section. */
const commandsWithExamples = new WeakMap<Command, string[]>();

/** Adds the `Example:` section shown at the end of a command's `--help`. */
export function withExample(command: Command, ...examples: string[]): Command {
  commandsWithExamples.set(command, examples);
  const lines = examples.map((example) => `  $ ${example}`).join('\n');
  return command.addHelpText('after', `\nExample:\n${lines}\n`);
}

/**
 * Gives an `Example:` section to every command registered without one: a group shows the first
 * example of each subcommand, a command shows its usage line.
 */
export function addMissingExamples(command: Command, path: string[] = []): string[] {
  const childExamples = command.commands.flatMap((child) => addMissingExamples(child, [...path, child.name()]));
  const own = commandsWithExamples.get(command);
  if (own !== undefined) return own.slice(0, 1);
  if (path.length === 0) return [];

  const examples =
    command.commands.length > 0 ? childExamples : [['emjpm', ...path, command.usage()].join(' ').replace(/ \[options\]/, '')];
  withExample(command, ...examples);
  return examples.slice(0, 1);
}
