import { afterAll, beforeAll, expect } from "vitest";
import { type FakeLine, startFakeLine } from "../../test/line-server.js";
import { connectLine, lineEnv } from "../../test/line-webhook.js";
import { type OfficeClient, signedInOfficer, stepUp } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import type { Dialect } from "../platform/db/database.js";
import { findBroadcast } from "./broadcasts.repo.js";

export const versionIn = (body: string) => /name="expectedVersion" value="(\d+)"/.exec(body)?.[1] ?? "";
const idFrom = (location: unknown) => /broadcasts\/([0-9a-f-]{36})$/.exec(String(location))?.[1] ?? "";

export interface BroadcastSuite {
  clock: ReturnType<typeof fixedClock>;
  service: TestService;
  line: FakeLine;
  /** A saraban officer; a supervisor and a head of agency, both stepped up. */
  writer: OfficeClient;
  chiefA: OfficeClient;
  chiefB: OfficeClient;
}

/** The service on `dialect` with the fake LINE connected and three officers signed in; closed after. */
export function useBroadcastSuite(dialect: Dialect): BroadcastSuite {
  const suite = { clock: fixedClock("2026-12-07T03:00:00.000Z") } as BroadcastSuite;
  beforeAll(async () => {
    const { clock } = suite;
    suite.line = await startFakeLine();
    suite.service = await startTestService(dialect, { clock, env: lineEnv(suite.line) });
    await connectLine(suite.service, suite.line, clock.now());
    const officer = async (email: string, roles: string[]) =>
      (await signedInOfficer(suite.service.app, suite.service.handle, clock, "demo", email, roles)).client;
    suite.writer = await officer("w@demo.go.th", ["saraban_officer"]);
    suite.chiefA = await officer("a@demo.go.th", ["supervisor"]);
    suite.chiefB = await officer("b@demo.go.th", ["head_of_agency"]);
    await stepUp(suite.chiefA, clock);
    await stepUp(suite.chiefB, clock);
  }, 180_000);
  afterAll(async () => {
    await suite.service?.stop();
    await suite.line?.close();
  });
  return suite;
}

/** The acts of the office pages, as a browser takes them (the version from the page just read). */
export function broadcastActs(suite: BroadcastSuite) {
  const draft = async (who: OfficeClient, textTh = "ประกาศ: ปิดให้บริการวันที่ 10 ธันวาคม") => {
    await who.get("/office/broadcasts/new");
    const res = await who.post("/office/broadcasts", {
      title: "ปิดบริการ",
      textTh,
      textEn: "Closed on 10 December",
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    return idFrom(res.headers.location);
  };
  const act = async (who: OfficeClient, id: string, action: string, form: Record<string, string> = {}) => {
    const page = await who.get(`/office/broadcasts/${id}`);
    // A page offering no act shows no version: post the current one, as a hand-made request would.
    const current = await findBroadcast(suite.service.handle.db, "demo", id);
    const expectedVersion = versionIn(page.body) || String(current?.version ?? 1);
    return who.post(`/office/broadcasts/${id}/${action}`, { expectedVersion, ...form });
  };
  const statusOf = async (id: string) => (await findBroadcast(suite.service.handle.db, "demo", id))?.status;
  const approved = async () => {
    const id = await draft(suite.writer);
    expect((await act(suite.writer, id, "submit")).statusCode).toBe(303);
    expect((await act(suite.chiefA, id, "approve")).statusCode).toBe(303);
    expect(await statusOf(id)).toBe("approved");
    return id;
  };
  return { draft, act, statusOf, approved };
}
