import { listPersonAssistantReplies } from "./assistant/index.js";
import { listPersonDeliveries } from "./delivery/index.js";
import { listPersonApplications } from "./forms/index.js";
import { listDraftIdsOfEntries } from "./intake/line/index.js";
import { listPersonLicences } from "./licensing/index.js";
import { listPersonNotifications } from "./notifications/index.js";
import { listPersonPayments } from "./payment/index.js";
import type { PersonSectionReader } from "./privacy/index.js";
import { listPersonRatings } from "./satisfaction/index.js";
import { listPersonWebboard } from "./webboard/index.js";

/** Where a room's PDF goes in the export's ZIP: the row's id is unique, so no name can collide. */
const pdfPath = (folder: string, id: string) => `files/${folder}/${id}.pdf`;

/**
 * #17 export (PD-3, s.30): the rooms' person reads the data-subject export gathers, in the export's order.
 * Assembled here because payment reads privacy's data-read log: privacy may not import those rooms back.
 * Each reader is keyed by the matters the export already tied to the person, never anyone else's rows;
 * file store keys stay out of `data.json` (the row names its file's path in the ZIP instead).
 */
export const PERSON_SECTIONS: readonly PersonSectionReader[] = [
  async (db, person) => ({
    name: "applications",
    data: await listPersonApplications(db, person.agencyId, person.matterIds),
    files: [],
  }),
  async (db, person) => {
    const { receipts, ...money } = await listPersonPayments(db, person.agencyId, person.matterIds);
    return {
      name: "payments",
      data: {
        ...money,
        receipts: receipts.map(({ pdfKey, ...r }) => ({
          ...r,
          file: pdfKey ? pdfPath("receipts", r.id) : null,
        })),
      },
      files: receipts.flatMap((r) =>
        r.pdfKey ? [{ path: pdfPath("receipts", r.id), sha256: null, storageKey: r.pdfKey }] : [],
      ),
    };
  },
  async (db, person) => {
    const licences = await listPersonLicences(db, person.agencyId, person.matterIds);
    return {
      name: "licences",
      data: licences.map(({ pdfKey: _key, ...l }) => ({ ...l, file: pdfPath("licences", l.id) })),
      files: licences.map((l) => ({
        path: pdfPath("licences", l.id),
        sha256: l.pdfSha256,
        storageKey: l.pdfKey,
      })),
    };
  },
  async (db, person) => ({
    name: "webboard",
    data: person.accountId ? await listPersonWebboard(db, person.agencyId, person.accountId) : null,
    files: [],
  }),
  async (db, person) => ({
    name: "ratings",
    data: await listPersonRatings(db, person.agencyId, person.matterIds),
    files: [],
  }),
  async (db, person) => ({
    name: "notifications",
    data: await listPersonNotifications(db, person.agencyId, person.matterIds),
    files: [],
  }),
  async (db, person) => ({
    name: "deliveries",
    data: await listPersonDeliveries(db, person.agencyId, person.matterIds),
    files: [],
  }),
  async (db, person) => ({
    name: "assistantReplies",
    data: await listPersonAssistantReplies(
      db,
      person.agencyId,
      await listDraftIdsOfEntries(db, person.agencyId, person.entryIds),
    ),
    files: [],
  }),
];
