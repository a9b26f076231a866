import type { TableOptions } from '../output/table.js';
import type { CliContext } from './app-context.js';
import type { AppContext } from './context.js';

/**
 * Returns the table options for stdout: bold headers and the terminal's width when stdout is a
 * terminal, plain and unbounded otherwise.
 */
export function tableOptions(app: AppContext): TableOptions {
  const cli = app as Partial<CliContext>;
  const chalk = cli.stdoutChalk?.();
  return {
    maxWidth: cli.stdoutWidth?.(),
    styleHeader: chalk ? (text) => chalk.bold(text) : undefined,
  };
}
