/** A problem found in one row of the input, for the summary and the `--report` CSV. */
export interface RowIssue {
  /** 1-based line of the input file where the row starts (0 for the file as a whole). */
  line: number;
  /** The column of the input file, or the API field when no column applies. */
  column: string;
  value: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Collects the issues of a run and counts them by severity. */
export class IssueLog {
  readonly issues: RowIssue[] = [];
  errorCount = 0;
  warningCount = 0;

  error(line: number, column: string, value: unknown, message: string): void {
    this.add({ line, column, value: displayValue(value), message, severity: 'error' });
  }

  warn(line: number, column: string, value: unknown, message: string): void {
    this.add({ line, column, value: displayValue(value), message, severity: 'warning' });
  }

  add(issue: RowIssue): void {
    this.issues.push(issue);
    if (issue.severity === 'error') this.errorCount += 1;
    else this.warningCount += 1;
  }
}

/** Renders a cell or field value for a message: strings as they are, anything else as JSON. */
export function displayValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
