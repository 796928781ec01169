import { findServiceVersion, type ServiceDefinition } from "../catalog/index.js";
import type { Db } from "../platform/db/database.js";
import type { Licence } from "./licence.js";

/**
 * PR-4, OD-1: the printed lines of a service's licence that are not public data: an answer its form
 * marks sensitive, or a national ID. Publishing refuses such a line on a displayed licence, but a
 * back-filled or older licence may still carry one; the exports leave it out all the same.
 */
export function nonPublicFieldKeys(definition: ServiceDefinition): Set<string> {
  const keys = new Set<string>();
  for (const field of definition.licence?.fields ?? []) {
    if (!("form" in field.source)) continue;
    const [top] = field.source.form.split(".") as [string];
    const ui = definition.form.ui.fields[top];
    if (ui?.dataClass === "sensitive" || ui?.widget === "national-id") keys.add(field.key);
  }
  return keys;
}

/** The non-public keys per service version, each version read once per export. */
export function nonPublicFieldsReader(db: Db): (versionId: string | null) => Promise<Set<string>> {
  const cache = new Map<string, Promise<Set<string>>>();
  return (versionId) => {
    if (!versionId) return Promise.resolve(new Set());
    let keys = cache.get(versionId);
    if (!keys) {
      keys = findServiceVersion(db, versionId).then((v) =>
        v ? nonPublicFieldKeys(v.definition) : new Set<string>(),
      );
      cache.set(versionId, keys);
    }
    return keys;
  };
}

/**
 * PR-1, PR-2, OD-1: a licence as the register publishes it, its non-public lines left out: the page,
 * the display screen and the exports read licences through this one reader, so they show the same.
 */
export function publicLicenceReader(db: Db): (licence: Licence) => Promise<Licence> {
  const nonPublic = nonPublicFieldsReader(db);
  return async (licence) => {
    const hidden = await nonPublic(licence.serviceVersionId);
    if (hidden.size === 0) return licence;
    return { ...licence, fields: licence.fields.filter((field) => !hidden.has(field.key)) };
  };
}
