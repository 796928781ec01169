import { configure, TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";
import type { Db } from "../platform/db/database.js";
import type { FileStore } from "../platform/storage/file-store.js";
import { entrySenderKeys, listPersonEntries, listPersonMatters, type PersonKeys } from "../register/index.js";
import { listDataReads } from "./data-reads.repo.js";
import type { PersonSectionReader } from "./person-sections-port.js";
import type { SubjectIdentityPort } from "./subject-identity-port.js";
import type { SubjectRequest } from "./subject-request.js";

// Node has no web workers for zip.js to start; the export is compressed in this thread.
configure({ useWebWorkers: false });

/** The most data reads an export lists (the log keeps two years; a person has far fewer). */
const READS_MAX = 5000;

/** What the export's `data.json` holds, and the files beside it. */
export interface PersonalExport {
  data: Record<string, unknown>;
  files: { path: string; sha256: string | null; storageKey: string }[];
}

/**
 * The person's keys: the subject's account when the request names one (their verified contacts, linked
 * LINE user, proven national ID), else the sender of the entry the officer turned (the proof checked).
 */
async function keysOf(
  db: Db,
  identity: SubjectIdentityPort,
  request: SubjectRequest,
): Promise<PersonKeys | undefined> {
  if (request.subjectAccountId)
    return identity.citizenKeys(db, { agencyId: request.agencyId, accountId: request.subjectAccountId });
  return entrySenderKeys(db, request.agencyId, request.entryId);
}

/**
 * #17 subjects (PD-3, s.30/s.31): everything held on the request's subject, gathered through each room's
 * own read (identity, register, privacy), keyed by the account and its verified contacts only: another
 * person's rows are never reached.
 */
export async function gatherPersonalExport(
  db: Db,
  identity: SubjectIdentityPort,
  request: SubjectRequest,
  at: Date,
  sections: readonly PersonSectionReader[] = [],
): Promise<PersonalExport> {
  const keys = await keysOf(db, identity, request);
  const account = request.subjectAccountId
    ? await identity.personAccountData(db, request.agencyId, request.subjectAccountId)
    : undefined;
  const matters = keys ? await listPersonMatters(db, keys) : [];
  const entries = keys ? await listPersonEntries(db, keys) : [];
  const reads = await listDataReads(db, {
    agencyId: request.agencyId,
    matterIds: matters.map((m) => m.id),
    offset: 0,
    limit: READS_MAX,
  });
  const scope = {
    agencyId: request.agencyId,
    matterIds: matters.map((m) => m.id),
    entryIds: entries.map((e) => e.id),
    accountId: account ? request.subjectAccountId : null,
  };
  const rooms = [];
  for (const read of sections) rooms.push(await read(db, scope));
  const files = entries.flatMap((e) =>
    e.attachments.flatMap((a) =>
      a.storageKey
        ? [{ path: `files/${a.id}-${safeName(a.filename)}`, sha256: a.sha256, storageKey: a.storageKey }]
        : [],
    ),
  );
  return {
    data: {
      format: "borikan-personal-export/1",
      requestId: request.id,
      madeAt: at.toISOString(),
      account: account ?? null,
      matters,
      entries: entries.map(({ attachments, ...e }) => ({
        ...e,
        attachments: attachments.map(({ storageKey: _key, ...a }) => ({
          ...a,
          file: files.find((f) => f.path.startsWith(`files/${a.id}-`))?.path ?? null,
        })),
      })),
      dataReads: reads.rows,
      // #17 export: each room's own rows (forms, payments, licences…), keyed by these matters only
      ...Object.fromEntries(rooms.map((r) => [r.name, r.data])),
    },
    files: [...files, ...rooms.flatMap((r) => r.files.filter((f) => !files.some((x) => x.path === f.path)))],
  };
}

/** A file name safe inside a ZIP on any system: no folders, no control characters. */
const safeName = (name: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  name.replace(/[\u0000-\u001f/\\:*?"<>|]/g, "_").slice(0, 120) || "file";

/** The export as one ZIP: `data.json` and the person's files under `files/`. */
export async function zipPersonalExport(exported: PersonalExport, files: FileStore): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  await writer.add("data.json", new TextReader(JSON.stringify(exported.data, null, 2)));
  for (const file of exported.files)
    await writer.add(file.path, new Uint8ArrayReader(new Uint8Array(await files.read(file.storageKey))));
  return Buffer.from(await writer.close());
}

/** Gathers, zips and stores the export; returns its file key and digest for the request's row. */
export async function makePersonalExport(
  db: Db,
  files: FileStore,
  identity: SubjectIdentityPort,
  request: SubjectRequest,
  at: Date,
  sections: readonly PersonSectionReader[] = [],
): Promise<{ key: string; sha256: string }> {
  const zip = await zipPersonalExport(await gatherPersonalExport(db, identity, request, at, sections), files);
  return files.put(zip);
}
