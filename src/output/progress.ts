import type { Ora } from 'ora';

/** Minimum time between two plain progress lines. */
const plainIntervalMs = 1_000;

/** Shows the progress of long work; `stop()` clears what is on screen. */
export interface ProgressDisplay {
  update(stage: string, done: number, total: number): void;
  /** Clears the spinner line before another message is written, then redraws it. */
  around(write: () => void): void;
  stop(): void;
}

/**
 * Creates a display that writes timestamped progress lines for logs and pipes, at most one per
 * second. A stage that ends within its first second writes nothing. A stage that wrote lines also
 * writes its final one (`done === total`), so logs end with the totals.
 */
export function createPlainProgress(
  stream: NodeJS.WritableStream,
  now: () => number = Date.now,
): ProgressDisplay {
  let stage = '';
  let stageStartedAt = 0;
  let lastWrittenAt: number | undefined;
  return {
    update(nextStage, done, total) {
      const time = now();
      if (nextStage !== stage) {
        stage = nextStage;
        stageStartedAt = time;
        lastWrittenAt = undefined;
      }
      const finished = done >= total;
      const due =
        lastWrittenAt === undefined ? time - stageStartedAt >= plainIntervalMs : time - lastWrittenAt >= plainIntervalMs;
      if (finished ? lastWrittenAt === undefined : !due) return;
      lastWrittenAt = time;
      stream.write(`[${new Date(time).toISOString()}] ${stage}: ${done}/${total}\n`);
    },
    around(write) {
      write();
    },
    stop() {},
  };
}

/**
 * Shows an ora spinner on a terminal. ora loads on the first update, so commands without
 * progress never load it; updates made before it has loaded only set the text.
 */
export function createSpinnerProgress(stream: NodeJS.WritableStream): ProgressDisplay {
  let spinner: Ora | undefined;
  let loading: Promise<void> | undefined;
  let text = '';
  let stopped = false;
  let finished = false;

  function load(): void {
    loading ??= import('ora').then(({ default: ora }) => {
      spinner = ora({ text, stream: stream as NodeJS.WriteStream, discardStdin: false });
      // A stage that ended while ora was loading needs no spinner.
      if (!stopped && !finished) spinner.start();
    });
  }

  return {
    update(stage, done, total) {
      text = `${stage}: ${done}/${total}`;
      stopped = false;
      finished = done >= total;
      if (spinner === undefined) {
        load();
        return;
      }
      // A finished stage clears its line, so nothing keeps redrawing under the next message.
      if (finished) {
        spinner.stop();
        return;
      }
      if (!spinner.isSpinning) spinner.start(text);
      spinner.text = text;
    },
    around(write) {
      if (spinner?.isSpinning) {
        spinner.clear();
        write();
        spinner.render();
        return;
      }
      write();
    },
    stop() {
      stopped = true;
      spinner?.stop();
    },
  };
}
