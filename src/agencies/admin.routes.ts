import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  HolidayFileError,
  type HolidayKind,
  holidayWarningKey,
  holidayYearWarnings,
  isValidDate,
  listCalendarHolidays,
  listHolidayYears,
  parseHolidayFile,
} from "../calendar/index.js";
import type { Clock } from "../platform/clock.js";
import type { DatabaseHandle } from "../platform/db/database.js";
import { AppError } from "../platform/errors.js";
import { errorText, type FieldLabels } from "../platform/http/form-errors.js";
import { asForm, type Form, formList, formString } from "../platform/http/form-fields.js";
import { type MultipartLimits, readMultipart } from "../platform/http/multipart.js";
import { sendOfficePage } from "../platform/http/office-page.js";
import { formatDate } from "../platform/i18n/format.js";
import { t } from "../platform/i18n/index.js";
import {
  ACKNOWLEDGEMENT_PLACEHOLDERS,
  addHolidayAndRecompute,
  importHolidaysAndRecompute,
  removeHolidayAndRecompute,
} from "../register/index.js";
import { staffGuard } from "../staff/index.js";
import { findAgency, listUnits } from "./agencies.repo.js";
// #12 correspondence
import { setLetterSettings } from "./letter-settings.js";
import { addReferralAgency, listReferralAgencies } from "./referrals.js";
import { saveAgencyUnit, setAcknowledgementText, updateAgencyProfile } from "./update-agency.js";
import { setVideoCallUrl } from "./video-call-settings.js";
import { ADMIN_LABELS, adminView } from "./views/admin.view.js";

type Notice = { kind: "ok" | "error"; text: string };

/** Issue #3 item 6: an admin's pages for the agency's settings, units, hours, holidays and texts. */
export async function agencyAdminRoutes(
  app: FastifyInstance,
  opts: {
    handle: DatabaseHandle;
    clock: Clock;
    limits: MultipartLimits;
    /** #9: channels in and out that are not configured (no mail server, no mailbox, no LINE token). */
    channelWarnings?: (req: FastifyRequest) => Promise<string[]>;
  },
) {
  const { handle, clock } = opts;
  const guard = staffGuard(handle.db, clock);
  const admins = { preHandler: guard(["admin"]) };
  // The holiday file comes as multipart: the CSRF token is its first field.
  const adminUploads = { preHandler: guard(["admin"], { multipart: true }) };
  const ctx = (req: FastifyRequest) => ({ clock, actor: `staff:${req.staffSession!.staff.id}`, ip: req.ip });

  async function show(req: FastifyRequest, reply: FastifyReply, notices: Notice[] = []) {
    const agency = (await findAgency(handle.db, req.agency.id))!;
    const units = (await listUnits(handle.db, agency.id)).map((u) => ({
      code: u.code,
      nameTh: u.name_th,
      nameEn: u.name_en,
      phone: u.phone,
    }));
    const holidayWarnings = (
      await holidayYearWarnings(handle.db, agency.holidayCalendar, clock.now(), agency.timeZone)
    ).map((w) => t(req.lang, holidayWarningKey(w), { year: w.year, beYear: w.year + 543 }));
    const holidayYears = await listHolidayYears(handle.db, agency.holidayCalendar);
    const agencyHolidays = await listCalendarHolidays(handle.db, `agency:${agency.id}`);
    const body = adminView(req, {
      base: `${req.basePath}/office`,
      agency,
      units,
      holidayYears,
      agencyHolidays,
      holidayWarnings,
      placeholders: ACKNOWLEDGEMENT_PLACEHOLDERS,
      referrals: await listReferralAgencies(handle.db, agency.id),
      channelWarnings: opts.channelWarnings ? await opts.channelWarnings(req) : [],
      notices,
    });
    return sendOfficePage(req, reply, t(req.lang, "admin.title"), body);
  }
  const failed = (req: FastifyRequest, reply: FastifyReply, error: unknown, labels?: FieldLabels) => {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    reply.code(error.status);
    return show(req, reply, [{ kind: "error", text: errorText(req.lang, error, labels) }]);
  };

  app.get("/office/admin", admins, (req, reply) => show(req, reply));

  app.post<{ Body: Form }>("/office/admin/agency", admins, async (req, reply) => {
    const b = asForm(req.body);
    try {
      const warnings = await updateAgencyProfile(
        handle,
        req.agency.id,
        {
          nameTh: formString(b.nameTh, "nameTh"),
          nameEn: formString(b.nameEn, "nameEn"),
          centralEmail: formString(b.centralEmail, "centralEmail").trim(),
          phones: formString(b.phones, "phones")
            .split(",")
            .map((p) => p.trim())
            .filter(Boolean),
          businessHours: {
            weekdays: formList(b.weekdays, "weekdays").map(Number),
            opening: formString(b.opening, "opening"),
            closing: formString(b.closing, "closing"),
            acknowledgeByNextDay: formString(b.acknowledgeByNextDay, "acknowledgeByNextDay"),
            closedOnLabourDay: formString(b.closedOnLabourDay, "closedOnLabourDay") !== "",
          },
        },
        ctx(req),
      );
      return show(req, reply, [
        { kind: "ok", text: t(req.lang, "admin.saved") },
        ...warnings.map((w) => ({ kind: "error" as const, text: t(req.lang, `warning.${w}`) })),
      ]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.profile);
    }
  });

  app.post<{ Body: Form }>("/office/admin/units", admins, async (req, reply) => {
    const b = asForm(req.body);
    try {
      await saveAgencyUnit(
        handle,
        req.agency.id,
        {
          code: formString(b.code, "code").trim(),
          nameTh: formString(b.unitNameTh, "unitNameTh"),
          nameEn: formString(b.unitNameEn, "unitNameEn"),
        },
        ctx(req),
      );
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "admin.saved") }]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.units);
    }
  });

  app.post("/office/admin/holidays", adminUploads, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE");
    const { files } = await readMultipart(req, opts.limits);
    const file = files[0];
    try {
      if (!file || file.refusal) throw new AppError("HOLIDAY_FILE_INVALID", { problems: "file" });
      let years: ReturnType<typeof parseHolidayFile>;
      try {
        years = parseHolidayFile(new TextDecoder().decode(file.bytes), "csv");
      } catch (error) {
        if (error instanceof HolidayFileError)
          throw new AppError("HOLIDAY_FILE_INVALID", { problems: error.problems.join("; ") });
        throw error;
      }
      // An agency admin adds the agency's own closures; the government list is the operator's (CLI).
      const result = await importHolidaysAndRecompute(handle, `agency:${req.agency.id}`, years, ctx(req));
      return show(req, reply, [
        { kind: "ok", text: t(req.lang, "admin.imported", { count: result.entriesRecomputed }) },
      ]);
    } catch (error) {
      return failed(req, reply, error);
    }
  });

  // One closure entered by mistake: removed, audited and open deadlines recomputed, as an import does.
  app.post<{ Body: Form }>("/office/admin/holidays/remove", admins, async (req, reply) => {
    const date = formString(req.body?.date).trim();
    try {
      if (!isValidDate(date)) throw new AppError("VALIDATION_FAILED", { detail: "date" }, { field: "date" });
      const result = await removeHolidayAndRecompute(handle, `agency:${req.agency.id}`, date, ctx(req));
      return show(req, reply, [
        {
          kind: "ok",
          text: t(req.lang, "admin.holidayRemoved", {
            date: formatDate(req.lang, date),
            count: result.entriesRecomputed,
          }),
        },
      ]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.holidays);
    }
  });

  // #10: one special day (Royal Ploughing Day, a Cabinet bridge holiday, a closure) with its source.
  app.post<{ Body: Form }>("/office/admin/holidays/add", admins, async (req, reply) => {
    try {
      const b = asForm(req.body);
      const kind = formString(b.holidayKind, "kind") || "special";
      if (kind !== "special" && kind !== "agency")
        throw new AppError("VALIDATION_FAILED", { detail: "kind" }, { field: "kind" });
      const holiday = {
        date: formString(b.holidayDate, "date").trim(),
        nameTh: formString(b.holidayNameTh, "nameTh"),
        nameEn: formString(b.holidayNameEn, "nameEn"),
        source: formString(b.holidaySource, "source"),
        kind: kind as HolidayKind,
      };
      const result = await addHolidayAndRecompute(handle, `agency:${req.agency.id}`, holiday, ctx(req));
      const text = t(req.lang, "admin.holidayAdded", {
        date: formatDate(req.lang, holiday.date),
        count: result.entriesRecomputed,
      });
      return show(req, reply, [{ kind: "ok", text }]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.addHoliday);
    }
  });

  app.post<{ Body: Form }>("/office/admin/referrals", admins, async (req, reply) => {
    try {
      await addReferralAgency(
        handle,
        req.agency.id,
        {
          nameTh: formString(req.body?.referralNameTh, "referralNameTh"),
          nameEn: formString(req.body?.referralNameEn, "referralNameEn"),
          contact: formString(req.body?.referralContact, "referralContact"),
        },
        ctx(req),
      );
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "admin.saved") }]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.referrals);
    }
  });

  app.post<{ Body: Form }>("/office/admin/acknowledgement", admins, async (req, reply) => {
    try {
      await setAcknowledgementText(
        handle,
        req.agency.id,
        { th: formString(req.body?.th, "th"), en: formString(req.body?.en, "en") },
        ctx(req),
      );
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "admin.saved") }]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.acknowledgement);
    }
  });
  // #12 correspondence: the letter code, OPDC address and postal address (ES-1, LF-5)
  app.post<{ Body: Form }>("/office/admin/letters", admins, async (req, reply) => {
    const b = asForm(req.body);
    try {
      await setLetterSettings(
        handle,
        req.agency.id,
        {
          letterCode: formString(b.letterCode, "letterCode", 100),
          opdcEmail: formString(b.opdcEmail, "opdcEmail", 300),
          postalAddress: formString(b.postalAddress, "postalAddress", 1000),
        },
        ctx(req),
      );
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "admin.saved") }]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.letters);
    }
  });
  // #13 video-juristic: the video tool's link for identity calls (ID-3)
  app.post<{ Body: Form }>("/office/admin/video-call", admins, async (req, reply) => {
    const b = asForm(req.body);
    try {
      await setVideoCallUrl(handle, req.agency.id, formString(b.videoCallUrl, "videoCallUrl", 400), ctx(req));
      return show(req, reply, [{ kind: "ok", text: t(req.lang, "admin.saved") }]);
    } catch (error) {
      return failed(req, reply, error, ADMIN_LABELS.videoCall);
    }
  });
}
