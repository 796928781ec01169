import { routeMatter, submitTestApplication, unitOfficer } from "../../test/casework.js";
import type { TestService } from "../../test/service.js";
import type { fixedClock } from "../platform/clock.js";

type FixedClock = ReturnType<typeof fixedClock>;

import { findMatter, recordAction } from "../register/index.js";

/** An application submitted, routed to the permits unit and taken into review by one of its reviewers. */
export async function applicationInReview(service: TestService, clock: FixedClock, tag: string) {
  const app = await submitTestApplication(service, { email: `${tag}@example.com` });
  await routeMatter(service, clock, app.matterId, "permits");
  const reviewer = await unitOfficer(service, clock, `${tag}-reviewer@demo.go.th`, ["reviewer"]);
  await recordAction(service.handle, {
    agencyId: "demo",
    subject: { matterId: app.matterId },
    action: "start-review",
    payload: {},
    actor: { kind: "staff", staffId: reviewer.staff.id, roles: ["reviewer"] },
    at: clock.now(),
  });
  return { ...app, reviewer };
}

/** The matter as it stands now. */
export async function matterNow(service: TestService, matterId: string) {
  const matter = await findMatter(service.handle.db, "demo", matterId);
  if (!matter) throw new Error(`no matter ${matterId}`);
  return matter;
}

/** The deficiency form of one checklist item, at the matter's current version. */
export async function deficiencyForm(
  service: TestService,
  matterId: string,
  over: Record<string, string | string[]> = {},
): Promise<Record<string, string | string[]>> {
  const matter = await matterNow(service, matterId);
  return {
    version: String(matter.version),
    item: "id-card",
    "problem.id-card": "defective",
    "note.id-card": "สำเนาไม่ชัด",
    deadlineDays: "3",
    ...over,
  };
}
