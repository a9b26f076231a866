import { checkMesurePayload } from '../../actions/check-payload.js';
import { describeReplacement, findMesureReplacedBy } from '../../actions/find-replaced-mesure.js';
import { createMesure, replaceMesure, updateMesureFields } from '../../actions/write-mesure.js';
import { renderMesure } from '../../output/mesure-view.js';
import { confirmDestructiveAction } from '../confirm.js';
import { UsageError } from '../errors.js';
import { withExample } from '../help.js';
import { parseMesureIdArgument } from '../mesure-id.js';
import { readJsonInput } from '../read-json.js';
import { tableOptions } from '../render-options.js';

import type { Command } from 'commander';

import type { MesurePayload } from '../../mesure/types.js';
import type { AppContext } from '../context.js';

/** Registers `mesures create` and `mesures update`. */
export function registerMesureWriteCommands(mesures: Command, app: AppContext): void {
  const create = mesures
    .command('create')
    .description('create a mesure from a JSON file, or by answering prompts')
    .option('-f, --file <path>', 'JSON file with the mesure, or - to read it from stdin')
    .option('-i, --interactive', 'ask for each field, then show the mesure before sending it')
    .option('--overwrite', 'replace your mesure with the same tribunal and numero RG without asking')
    .option('-y, --yes', 'same as --overwrite')
    .action(async (options: CreateOptions) => {
      const payload = await readCreatePayload(app, options);
      const api = await app.api();
      const replaced = await findMesureReplacedBy(api, payload);
      if (replaced !== undefined) {
        const description = describeReplacement(replaced);
        const overwrite = options.overwrite === true || options.yes === true;
        if (overwrite || app.interactive) app.sink().warn(description);
        await confirmDestructiveAction(app, {
          question: `Replace mesure ${replaced.id}?`,
          yes: overwrite,
          scriptHint: `${description} Add --overwrite to replace it, or change numero_rg or tribunal_siret.`,
          cancelledMessage: 'Cancelled: nothing was sent.',
        });
      }
      const created = await createMesure(api, payload, app.sink());
      const outcome = replaced === undefined ? 'created' : 'replaced';
      app.sink().info(`Mesure ${created.id} ${outcome} (numero RG ${created.numero_rg}).`);
      app.stdout.write(renderMesure(created, app.globals().output, tableOptions(app)));
    });
  withExample(
    create,
    'emjpm mesures create --file mesure.json',
    'cat mesure.json | emjpm mesures create --file - --overwrite',
    'emjpm mesures create --interactive',
  );

  const update = mesures
    .command('update')
    .description('replace a mesure with a JSON file, or change some of its fields with --set')
    .argument('<id>', 'id of the mesure')
    .option('-f, --file <path>', 'JSON file with the whole mesure (a full replacement), or - for stdin')
    .option(
      '-s, --set <field=value>',
      'change one field and send the rest unchanged; repeatable; etat.FIELD is the latest état, null clears; ' +
        'dates as yyyy-MM-dd or dd/mm/yyyy, enumerations as API values or French labels',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .action(async (idText: string, options: { file?: string; set?: string[] }) => {
      const id = parseMesureIdArgument(idText);
      const assignments = options.set ?? [];
      if ((options.file === undefined) === (assignments.length === 0)) {
        throw new UsageError(options.file === undefined ? 'Give --file or --set to say what to change.' : 'Give --file or --set, not both.', 'Example: emjpm mesures update 42 --set date_fin_mesure=2025-06-30');
      }
      const sink = app.sink();
      const api = await app.api();
      const updated =
        options.file !== undefined
          ? await replaceMesure(api, id, checkMesurePayload(await readJsonInput(options.file, app.stdin), sourceName(options.file), sink))
          : await updateMesureFields(api, id, assignments, sink);
      sink.info(`Mesure ${updated.id} updated.`);
      app.stdout.write(renderMesure(updated, app.globals().output, tableOptions(app)));
    });
  withExample(
    update,
    'emjpm mesures update 42 --set date_fin_mesure=2025-06-30 --set cause_sortie=mainlevee',
    'emjpm mesures update 42 --set etat.lieu_vie=domicile',
    'emjpm mesures update 42 --file mesure.json',
  );
}

interface CreateOptions {
  file?: string;
  interactive?: boolean;
  overwrite?: boolean;
  yes?: boolean;
}

async function readCreatePayload(app: AppContext, options: CreateOptions): Promise<MesurePayload> {
  if ((options.file === undefined) === (options.interactive !== true)) {
    throw new UsageError('Give either --file or --interactive.', 'Example: emjpm mesures create --file mesure.json');
  }
  if (options.file !== undefined) {
    return checkMesurePayload(await readJsonInput(options.file, app.stdin), sourceName(options.file), app.sink());
  }
  if (!app.interactive) {
    throw new UsageError('--interactive needs a terminal.', 'Use --file mesure.json (or --file - with stdin) from scripts.');
  }
  const { promptMesure } = await import('../prompts/mesure-prompts.js');
  return promptMesure(app);
}

function sourceName(path: string): string {
  return path === '-' ? 'stdin' : path;
}
