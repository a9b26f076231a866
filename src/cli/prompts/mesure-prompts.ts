import { confirm, input, search, select } from '@inquirer/prompts';

import { checkMesurePayload } from '../../actions/check-payload.js';
import { parseDateInput } from '../../actions/field-input.js';
import { searchTribunaux } from '../../actions/search-tribunaux.js';
import { isCountryCode } from '../../mesure/countries.js';
import {
  champMesureLabels,
  civiliteLabels,
  lieuVieLabels,
  lieuxVieInEtablissement,
  natureMesureLabels,
  typeEtablissementLabels,
} from '../../mesure/enums.js';
import { InterruptedError } from '../errors.js';

import type { Antenne, Etat, MesurePayload, Tribunal } from '../../mesure/types.js';
import type { AppContext } from '../context.js';

/** Most courts shown at once in the court search. */
const courtPageSize = 10;

/**
 * Asks for each field of a new mesure with the enumerations' French labels, checks the values
 * with the server's rules, shows the JSON body and requests confirmation before returning it. Prompts use stderr
 * and are all in French, like the field labels. Dates may be typed dd/mm/yyyy or yyyy-MM-dd.
 */
export async function promptMesure(app: AppContext): Promise<MesurePayload> {
  const context = { input: app.stdin, output: app.stderr };
  const api = await app.api();
  const [tribunaux, antennes] = await Promise.all([api.listTribunaux(), api.listAntennes()]);
  app.sink().endProgress?.();
  const thisYear = new Date().getFullYear();

  const numeroRg = await input({ message: 'Numéro RG', required: true, validate: requireAlphanumeric }, context);
  const numeroDossier = await input({ message: 'Numéro de dossier (facultatif)' }, context);
  const civilite = await select({ message: 'Civilité', choices: choicesOf(civiliteLabels) }, context);
  const anneeNaissance = await input(
    { message: 'Année de naissance', required: true, validate: (value) => isYear(value, 1900, thisYear) || `Saisissez une année entre 1900 et ${thisYear}.` },
    context,
  );
  const tribunalSiret = await search<string>(
    {
      message: 'Tribunal (tapez une partie de son nom, de sa ville ou de son code postal)',
      pageSize: courtPageSize,
      source: (term) => searchTribunaux(tribunaux, term).map(tribunalChoice),
    },
    context,
  );
  const dateNomination = await input(
    { message: 'Date de nomination (jj/mm/aaaa)', required: true, validate: dateOrMessage(false) },
    context,
  );
  const datePremierMesure = await input(
    { message: 'Date de première mesure (jj/mm/aaaa, facultatif)', validate: dateOrMessage(true) },
    context,
  );
  const nomination = parseDateInput(dateNomination) ?? dateNomination.trim();
  const etat = await promptEtat(context, nomination);
  const antenneId = await promptAntenne(context, antennes);

  const payload: MesurePayload = {
    numero_rg: numeroRg.trim(),
    numero_dossier: emptyToNull(numeroDossier),
    annee_naissance: Number(anneeNaissance),
    civilite,
    date_nomination: nomination,
    date_premier_mesure: datePremierMesure.trim() === '' ? null : (parseDateInput(datePremierMesure) ?? datePremierMesure.trim()),
    date_protection_en_cours: null,
    date_fin_mesure: null,
    cause_sortie: null,
    resultat_revision: null,
    antenne_id: antenneId,
    tribunal_siret: tribunalSiret,
    etats: [etat],
    ressources: [],
  };

  const checked = checkMesurePayload(payload, 'The mesure', app.sink());
  app.stderr.write(`\nLa mesure à envoyer :\n${JSON.stringify(checked, null, 2)}\n\n`);
  if (!(await confirm({ message: 'Envoyer cette mesure à eMJPM ?', default: true }, context))) {
    throw new InterruptedError('Cancelled: nothing was sent.');
  }
  return checked;
}

type PromptContext = { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

async function promptEtat(context: PromptContext, dateNomination: string): Promise<Etat> {
  const natureMesure = await select({ message: 'Nature de la mesure', choices: choicesOf(natureMesureLabels) }, context);
  const champMesure = await select(
    { message: 'Champ de la mesure', choices: [{ value: null, name: 'Non précisé' }, ...choicesOf(champMesureLabels)] },
    context,
  );
  const lieuVie = await select({ message: 'Lieu de vie', choices: choicesOf(lieuVieLabels) }, context);
  // The server requires a type of établissement for both lieux de vie in an établissement.
  const typeEtablissement = lieuxVieInEtablissement.includes(lieuVie)
    ? await select({ message: "Type d'établissement", choices: choicesOf(typeEtablissementLabels) }, context)
    : null;
  const codePostal = await input({ message: 'Code postal (facultatif)', validate: (value) => value.trim() === '' || /^\d{4,5}$/.test(value.trim()) || 'Saisissez 5 chiffres, ou rien.' }, context);
  const ville = await input({ message: 'Ville (facultatif)' }, context);
  const pays = await input(
    { message: 'Pays (code ISO 3166-1 à deux lettres)', default: 'FR', validate: (value) => isCountryCode(value.trim().toUpperCase()) || 'Saisissez un code pays à deux lettres, comme FR ou BE.' },
    context,
  );
  return {
    date_changement_etat: dateNomination,
    nature_mesure: natureMesure,
    champ_mesure: champMesure,
    lieu_vie: lieuVie,
    type_etablissement: typeEtablissement,
    code_postal: emptyToNull(codePostal),
    ville: emptyToNull(ville),
    pays: pays.trim().toUpperCase(),
  };
}

async function promptAntenne(context: PromptContext, antennes: Antenne[]): Promise<number | null> {
  if (antennes.length === 0) return null;
  return select(
    {
      message: 'Antenne',
      choices: [{ value: null, name: 'Aucune' }, ...antennes.map((antenne) => ({ value: antenne.id, name: antenne.nom }))],
    },
    context,
  );
}

function choicesOf<T extends Record<string, string>>(labels: T): { value: keyof T & string; name: string }[] {
  return Object.entries(labels).map(([value, name]) => ({ value: value as keyof T & string, name }));
}

function tribunalChoice(tribunal: Tribunal): { value: string; name: string; description: string } {
  return {
    value: tribunal.siret,
    name: `${tribunal.nom} (${[tribunal.code_postal, tribunal.ville].filter(Boolean).join(' ')})`,
    description: `SIRET ${tribunal.siret}`,
  };
}

function requireAlphanumeric(value: string): true | string {
  return /[A-Za-z0-9]/.test(value) || 'Le numéro RG doit contenir au moins une lettre ou un chiffre.';
}

function dateOrMessage(optional: boolean): (value: string) => true | string {
  return (value) => (optional && value.trim() === '') || parseDateInput(value) !== undefined || 'Saisissez une date jj/mm/aaaa, par exemple 15/03/2024.';
}

function isYear(value: string, min: number, max: number): boolean {
  return /^\d{4}$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;
}

function emptyToNull(value: string): string | null {
  return value.trim() === '' ? null : value.trim();
}
