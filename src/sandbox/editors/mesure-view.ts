import type { StoredMesure } from '../store/types.js';

/** Returns a copy of a mesure as the API sends it, without status, owner or court id. */
export function viewMesure(mesure: StoredMesure) {
  return {
    id: mesure.id,
    numero_rg: mesure.numero_rg,
    numero_dossier: mesure.numero_dossier,
    annee_naissance: mesure.annee_naissance,
    civilite: mesure.civilite,
    date_nomination: mesure.date_nomination,
    date_premier_mesure: mesure.date_premier_mesure,
    date_protection_en_cours: mesure.date_protection_en_cours,
    date_fin_mesure: mesure.date_fin_mesure,
    cause_sortie: mesure.cause_sortie,
    resultat_revision: mesure.resultat_revision,
    antenne_id: mesure.antenne_id,
    tribunal_siret: mesure.tribunal_siret,
    latitude: mesure.latitude,
    longitude: mesure.longitude,
    editor_id: mesure.editor_id,
    created_at: mesure.created_at,
    etats: mesure.etats.map((etat) => ({ ...etat })),
    ressources: mesure.ressources.map((ressource) => ({
      ...ressource,
      prestations_sociales: [...ressource.prestations_sociales],
    })),
  };
}
