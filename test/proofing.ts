import type { Clock } from "../src/platform/clock.js";
import { recordAction } from "../src/register/index.js";
import { routeMatter } from "./casework.js";
import { makePng } from "./images.js";
import type { OfficeClient } from "./office.js";
import type { TestService } from "./service.js";
import { TEST_SERVICE } from "./service-fixture.js";

/** A valid 13-digit Thai national ID from 12 digits (its check digit computed). */
export function thaiId(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (13 - i), 0);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

/** The test service as a medium-risk service (IAL2 before a decision), like the demo food-shop licence. */
export const MEDIUM_SERVICE = {
  ...TEST_SERVICE,
  risk: {
    ...TEST_SERVICE.risk,
    level: "medium",
    impacts: { ...TEST_SERVICE.risk.impacts, finance: "medium" },
    assurance: "IAL2",
  },
} as typeof TEST_SERVICE;

/** Submits an application of the person `idNumber` through the public API; its matter and tracking link. */
export async function submitAs(service: TestService, idNumber: string, name = "สมหญิง รักดี") {
  const res = await service.app.inject({
    method: "POST",
    url: `/api/v1/services/${TEST_SERVICE.code}/applications`,
    payload: {
      applicant: { type: "person", name, idNumber, email: "somying@example.com" },
      answers: { shopName: "ร้านข้าวแกง", hasBranch: "no" },
      documents: [
        {
          documentId: "id-card",
          filename: "id.png",
          contentBase64: Buffer.from(makePng(1012, 638)).toString("base64"),
        },
      ],
      signature: { name, confirmed: true },
      privacyNoticeVersion: "pn-1",
    },
  });
  if (res.statusCode !== 201) throw new Error(`not submitted: ${res.statusCode} ${res.body}`);
  const url = new URL((res.json() as { trackingUrl: string }).trackingUrl);
  const entry = await service.handle.db
    .selectFrom("entries")
    .select(["matter_id"])
    .where("receipt_number", "=", (res.json() as { receiptNumber: string }).receiptNumber)
    .executeTakeFirstOrThrow();
  const token = url.searchParams.get("t") ?? "";
  return {
    matterId: entry.matter_id,
    page: `${url.pathname}/identity?t=${encodeURIComponent(token)}`,
    token,
    path: url.pathname,
  };
}

/** Moves a matter as far as awaiting approval (routed, review started, submitted). */
export async function toApproval(
  service: TestService,
  clock: Clock,
  matterId: string,
  staffId: string,
  from: "new" | "in_review" = "new",
) {
  if (from === "new") await routeMatter(service, clock, matterId);
  const actions =
    from === "new" ? (["start-review", "submit-for-approval"] as const) : (["submit-for-approval"] as const);
  for (const action of actions)
    await recordAction(service.handle, {
      agencyId: "demo",
      subject: { matterId },
      action,
      payload: {},
      actor: { kind: "staff", staffId, roles: ["reviewer"] },
      at: clock.now(),
    });
}

export const postJson = (client: OfficeClient, url: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams({ _csrf: client.csrf });
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return client.app.inject({
    method: "POST",
    url,
    payload: body.toString(),
    headers: {
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
      cookie: client.cookieHeader,
    },
  });
};
