/** One mesure of an NDJSON file or of a JSON array, parsed. */
export interface JsonRow {
  kind: 'json';
  /** 1-based line where the value starts. */
  line: number;
  /** The parsed value, or a `SyntaxError` when the text is not valid JSON. */
  value: unknown;
  /** The text of a value that is not valid JSON, for messages. */
  text?: string;
}

/** Reads one JSON value per line. Blank lines are skipped but counted. */
export async function* readNdjsonRows(chunks: AsyncIterable<string>): AsyncGenerator<JsonRow> {
  let line = 0;
  let rest = '';
  const parseLine = (text: string): JsonRow | undefined => {
    line += 1;
    if (text.trim() === '') return undefined;
    return parseValue(text, line);
  };
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) {
      const row = parseLine(text);
      if (row) yield row;
    }
  }
  const last = parseLine(rest);
  if (last) yield last;
}

/**
 * Reads the elements of a JSON array, as `emjpm mesures export --output json` writes it, one at a
 * time so that memory keeps one element. Each element is returned with the line where it starts.
 * An element that is not valid JSON, an array that is never closed and text after the array come
 * back as rows whose value is a `SyntaxError`.
 */
export async function* readJsonArrayRows(chunks: AsyncIterable<string>): AsyncGenerator<JsonRow> {
  const scanner = new ArrayScanner();
  for await (const chunk of chunks) {
    for (const character of chunk) {
      const row = scanner.push(character);
      if (row) yield row;
    }
  }
  const last = scanner.end();
  if (last) yield last;
}

/** Splits the text of a JSON array into its top-level elements, character by character. */
class ArrayScanner {
  private line = 1;
  private state: 'before' | 'inside' | 'after' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private element = '';
  private elementLine = 0;
  private trailingTextReported = false;

  /** Takes the next character, and returns a row when the character ends an element. */
  push(character: string): JsonRow | undefined {
    if (character === '\n') this.line += 1;
    if (this.state === 'before') {
      if (character === '[') this.state = 'inside';
      return undefined;
    }
    if (this.state === 'after') return this.reportTrailingText(character);

    if (this.depth === 0 && !this.inString) {
      if (character === ',' || character === ']') {
        if (character === ']') this.state = 'after';
        return this.flush();
      }
      if (this.element === '' && /\s/.test(character)) return undefined;
    }
    if (this.element === '') this.elementLine = this.line;
    this.element += character;
    this.track(character);
    return undefined;
  }

  /** Ends the input, and returns a row for an array that was never closed. */
  end(): JsonRow | undefined {
    if (this.state !== 'inside') return undefined;
    const line = this.element.trim() === '' ? this.line : this.elementLine;
    return {
      kind: 'json',
      line,
      value: new SyntaxError('the JSON array is not closed: the file ends before its "]"'),
      text: this.element.trim().slice(0, 200),
    };
  }

  private track(character: string): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (character === '\\') this.escaped = true;
      else if (character === '"') this.inString = false;
    } else if (character === '"') {
      this.inString = true;
    } else if (character === '{' || character === '[') {
      this.depth += 1;
    } else if (character === '}' || character === ']') {
      this.depth -= 1;
    }
  }

  private flush(): JsonRow | undefined {
    const text = this.element;
    this.element = '';
    if (text.trim() === '') return undefined;
    return parseValue(text, this.elementLine);
  }

  private reportTrailingText(character: string): JsonRow | undefined {
    if (this.trailingTextReported || /\s/.test(character)) return undefined;
    this.trailingTextReported = true;
    return {
      kind: 'json',
      line: this.line,
      value: new SyntaxError('text after the end of the JSON array'),
      text: character,
    };
  }
}

function parseValue(text: string, line: number): JsonRow {
  try {
    return { kind: 'json', line, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      kind: 'json',
      line,
      value: new SyntaxError((error as Error).message),
      text: text.trim().slice(0, 200),
    };
  }
}
