import { InterruptedError, UsageError } from './errors.js';

import type { AppContext } from './context.js';

export interface ConfirmationRequest {
  /** The question, such as "Delete 3 mesures?". */
  question: string;
  /** `--yes` (or an option like `--overwrite`) was given: proceed without asking. */
  yes: boolean;
  /** When set, the user must type this text (such as the count) instead of confirming with yes. */
  typedAnswer?: string;
  /** The next step printed without a terminal; default "Add --yes to confirm from a script." */
  scriptHint?: string;
  /** The message of a refusal; default "Cancelled: nothing was deleted." */
  cancelledMessage?: string;
}

/**
 * Asks the user to confirm a destructive action on stderr. Without a terminal the action needs
 * `--yes`; a refusal throws `InterruptedError`. @inquirer/prompts loads only when a prompt shows.
 */
export async function confirmDestructiveAction(app: AppContext, request: ConfirmationRequest): Promise<void> {
  if (request.yes) return;
  if (!app.interactive) {
    throw new UsageError(
      `${request.question} No terminal is attached to confirm, so nothing was done.`,
      request.scriptHint ?? 'Add --yes to confirm from a script.',
    );
  }

  // A spinner still running would redraw itself over the prompt.
  app.sink().endProgress?.();
  const { confirm, input } = await import('@inquirer/prompts');
  const context = { input: app.stdin, output: app.stderr };
  const expected = request.typedAnswer;
  const accepted =
    expected === undefined
      ? await confirm({ message: request.question, default: false }, context)
      : (await input({ message: `${request.question} Type ${expected} to confirm:` }, context)).trim() === expected;
  if (!accepted) throw new InterruptedError(request.cancelledMessage ?? 'Cancelled: nothing was deleted.');
}
