import type { TableOptions } from '../output/table.js';
import type { CliContext } from './app-context.js';
import type { AppContext } from './context.js';

/**
 * Returns the table options for stdout: bold headers and the terminal's width when stdout is a
 * terminal, plain and unbounded otherwise. Columns hidden to fit are named on stderr.
 */
export function tableOptions(app: AppContext): TableOptions {
  const cli = app as Partial<CliContext>;
  const chalk = cli.stdoutChalk?.();
  return {
    maxWidth: cli.stdoutWidth?.(),
    styleHeader: chalk ? (text) => chalk.bold(text) : undefined,
    onHiddenColumns: (headers) => app.sink().info(hiddenColumnsMessage(headers)),
  };
}

/** Returns the note printed when a table hid columns to fit the terminal. */
export function hiddenColumnsMessage(headers: string[]): string {
  const noun = headers.length === 1 ? 'column' : 'columns';
  return `Hidden to fit the terminal: ${noun} ${headers.join(', ')}. Use --output csv or --output json to see every column.`;
}
