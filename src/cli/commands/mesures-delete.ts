import { deleteMesures, findOwnMesures } from '../../actions/delete-mesures.js';
import { planPurge, runPurge } from '../../actions/purge-mesures.js';
import { mesureStatusLabels } from '../../mesure/enums.js';
import { renderMesureList } from '../../output/mesure-view.js';
import { confirmDestructiveAction } from '../confirm.js';
import { withExample } from '../help.js';
import { setInterruptNote } from '../interrupt.js';
import { parseMesureIdArgument } from '../mesure-id.js';
import { hiddenColumnsMessage } from '../render-options.js';

import type { Command } from 'commander';

import type { DeletionResult } from '../../actions/delete-mesures.js';
import type { MesureWithStatus } from '../../api/types.js';
import type { AppContext } from '../context.js';

/** Registers `mesures delete` and `mesures purge`. */
export function registerMesureDeleteCommands(mesures: Command, app: AppContext): void {
  const remove = mesures
    .command('delete')
    .description('delete mesures by id, after checking that each one is yours')
    .argument('<id...>', 'ids of the mesures to delete')
    .option('-y, --yes', 'delete without asking (required when no terminal is attached)')
    .action(async (idTexts: string[], options: { yes?: boolean }) => {
      const ids = idTexts.map(parseMesureIdArgument);
      const api = await app.api();
      const sink = app.sink();
      const found = await findOwnMesures(api, ids, sink);

      showMesures(app, 'These mesures will be deleted:', found);
      const noun = found.length === 1 ? 'mesure' : 'mesures';
      await confirmDestructiveAction(app, { question: `Delete ${found.length} ${noun}?`, yes: options.yes === true });

      const result: DeletionResult = { deleted: [], notDeleted: [] };
      setInterruptNote(() => deletionProgress(result, found.length, 'Run `emjpm mesures delete` again with the ids that are left.'));
      await deleteMesures(api, found, sink, result);
      setInterruptNote(undefined);
      for (const mesure of result.notDeleted) {
        sink.warn(`Mesure ${mesure.id} was not deleted: the server found nothing to delete (deleted meanwhile?).`);
      }
      sink.info(`Deleted ${result.deleted.length} ${result.deleted.length === 1 ? 'mesure' : 'mesures'}.`);
      writeJsonResult(app, { deleted: result.deleted.map((mesure) => mesure.id), notDeleted: result.notDeleted.map((mesure) => mesure.id) });
    });
  withExample(remove, 'emjpm mesures delete 42 43', 'emjpm mesures delete 42 --yes');

  const purge = mesures
    .command('purge')
    .description('delete all your mesures; en_attente ones are kept unless --include-pending')
    .option('--include-pending', 'also delete the en_attente mesures (court requests awaiting acceptance)')
    .option('-y, --yes', 'purge without asking (required when no terminal is attached)')
    .action(async (options: { includePending?: boolean; yes?: boolean }) => {
      const api = await app.api();
      const sink = app.sink();
      const plan = await planPurge(api, { includePending: options.includePending === true }, sink);

      const counts = Object.entries(plan.counts)
        .map(([status, count]) => `${mesureStatusLabels[status as keyof typeof mesureStatusLabels]}: ${count}`)
        .join(', ');
      sink.info(`Your mesures by status: ${counts}.`);
      if (plan.kept.length > 0) sink.info(`${countOf(plan.kept.length, 'en_attente mesure')} will be kept (add --include-pending to delete them too).`);
      if (plan.toDelete.length === 0) {
        sink.info('Nothing to delete.');
        writeJsonResult(app, { deleted: 0, counts: plan.counts, kept: plan.kept.length });
        return;
      }

      const count = String(plan.toDelete.length);
      await confirmDestructiveAction(app, {
        question: `Delete ${countOf(plan.toDelete.length, 'mesure')}? This cannot be undone.`,
        yes: options.yes === true,
        typedAnswer: count,
      });

      const result: DeletionResult = { deleted: [], notDeleted: [] };
      setInterruptNote(() =>
        plan.includePending
          ? 'The purge request was sent and may have been applied: run `emjpm mesures list` to see what is left.'
          : deletionProgress(result, plan.toDelete.length, 'Run `emjpm mesures purge` again to delete the rest.'),
      );
      const deleted = await runPurge(api, plan, sink, result);
      setInterruptNote(undefined);
      sink.info(`Deleted ${countOf(deleted, 'mesure')}.`);
      writeJsonResult(app, { deleted, counts: plan.counts, kept: plan.kept.length });
    });
  withExample(purge, 'emjpm mesures purge', 'emjpm mesures purge --include-pending --yes');
}

/**
 * Describes how far a one-by-one deletion went, for the Ctrl-C message. The request in flight at
 * that moment may or may not have been applied by the server.
 */
function deletionProgress(result: DeletionResult, total: number, nextStep: string): string {
  const ids = result.deleted.map((mesure) => mesure.id);
  const which = ids.length > 0 ? ` (ids ${ids.join(', ')})` : '';
  return (
    `${countOf(ids.length, 'mesure')} of ${total} deleted${which}, and the deletion in progress may have been applied. ` +
    nextStep
  );
}

/** Returns "1 mesure" or "3 mesures". */
function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** Shows the mesures about to change on stderr, so stdout keeps only the result. */
function showMesures(app: AppContext, title: string, mesures: MesureWithStatus[]): void {
  if (app.globals().json) return;
  const stderr = app.stderr as { isTTY?: boolean; columns?: number };
  const maxWidth = stderr.isTTY === true ? stderr.columns : undefined;
  const onHiddenColumns = (headers: string[]) => app.sink().info(hiddenColumnsMessage(headers));
  app.stderr.write(`${title}\n${renderMesureList(mesures, 'table', { maxWidth, onHiddenColumns })}`);
}

/** Writes a command's summary on stdout in the machine formats; tables get the messages only. */
function writeJsonResult(app: AppContext, result: Record<string, unknown>): void {
  const format = app.globals().output;
  if (format === 'json') app.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (format === 'ndjson') app.stdout.write(`${JSON.stringify(result)}\n`);
}
