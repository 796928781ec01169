import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitId } from "../../test/casework.js";
import { seedDashboard } from "../../test/dashboards.js";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";
import { publishTestService } from "../../test/service-fixture.js";
import { fixedClock } from "../platform/clock.js";
import { type MessageKey, t } from "../platform/i18n/index.js";

/** A figure's CSV rows (label first), BOM and header checked and dropped. */
async function csvRows(client: OfficeClient, figure: string, query = ""): Promise<string[][]> {
  const res = await client.get(`/office/dashboard/${figure}.csv${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers["content-type"]).toContain("text/csv");
  expect(res.body.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = res.body.slice(1).trimEnd().split("\r\n");
  expect(header).toContain(" / ");
  return rows.map((line) => line.split(","));
}

/** The numbers of one figure's table on the page, as the CSV writes them (no digit grouping, no %). */
function tableRows(page: string, figure: string): string[][] {
  const table = new RegExp(`<table id="table-${figure}">([\\s\\S]*?)</table>`).exec(page)?.[1] ?? "";
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((cell) =>
      (cell[1] ?? "").replaceAll(",", "").replace("%", "").replace("–", "").replace(/&#39;/g, "'"),
    ),
  );
}

const th = (key: MessageKey) => t("th", key);

describe.each(testDialects())("the supervisors' dashboard on %s", (dialect) => {
  const clock = fixedClock("2026-12-15T03:00:00.000Z");
  let service: TestService;
  let head: OfficeClient;
  let unitSupervisor: OfficeClient;
  let reviewer: OfficeClient;
  let S = "";
  let serviceId = "";
  const general = th("dashboards.noService");
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    const version = await publishTestService(service);
    S = version.definition.name.th;
    serviceId = version.serviceId;
    const unitA = await unitId(service, "permits");
    const unitB = await unitId(service, "saraban");
    await seedDashboard(service.handle.db, {
      serviceId: version.serviceId,
      serviceVersionId: version.id,
      unitA,
      unitB,
    });
    const sign = (email: string, roles: string[], units: string[] = []) =>
      signedInOfficer(service.app, service.handle, clock, "demo", email, roles, "", units).then(
        (o) => o.client,
      );
    head = await sign("head.dash@demo.go.th", ["head_of_agency"]);
    unitSupervisor = await sign("sup.dash@demo.go.th", ["supervisor"], [unitA]);
    reviewer = await sign("rev.dash@demo.go.th", ["reviewer"]);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("CH-4: this month's volume by channel and service and the acknowledgements, agency-wide", async () => {
    const asMap = (rows: string[][]) => new Map(rows.map(([label, ...v]) => [label, v]));
    expect(asMap(await csvRows(head, "channels"))).toEqual(
      new Map([
        [th("channel.line"), ["1"]],
        [th("channel.email"), ["1"]],
        [th("channel.web"), ["2"]],
      ]),
    );
    expect(asMap(await csvRows(head, "services"))).toEqual(
      new Map([
        [S, ["2"]],
        [general, ["2"]],
      ]),
    );
    const ack = new Map((await csvRows(head, "acknowledgement")).map(([label, ...v]) => [label, v]));
    expect(ack.get(th("channel.web"))).toEqual(["2", "1", "0", "0", "50"]);
    expect(ack.get(th("channel.email"))).toEqual(["1", "0", "1", "0", "0"]);
    expect(ack.get(th("channel.line"))).toEqual(["1", "0", "0", "1", "0"]);
  });

  it("LF-1, TR-3: service level, time per step (median, 90th percentile) and satisfaction", async () => {
    expect(await csvRows(head, "service-level")).toEqual([[S, "2", "1", "1", "50"]]);
    const steps = new Map((await csvRows(head, "step-times")).map(([label, ...v]) => [label, v]));
    expect(steps).toEqual(
      new Map([
        [`${general} · ${th("status.received")}`, ["1", "6", "6"]],
        [`${S} · ${th("status.in_review")}`, ["2", "24", "120"]],
        [`${S} · ${th("status.received")}`, ["2", "2", "4"]],
      ]),
    );
    expect(await csvRows(head, "satisfaction")).toEqual([[S, "2", "3.5", "0", "1", "0", "0", "1"]]);
  });

  it("last month, a service filter and an empty custom period", async () => {
    expect(await csvRows(head, "channels", "?period=last-month")).toEqual([[th("channel.web"), "1"]]);
    expect(await csvRows(head, "service-level", "?period=last-month")).toEqual([[S, "1", "1", "0", "100"]]);
    expect(await csvRows(head, "step-times", "?period=last-month")).toEqual([
      [`${S} · ${th("status.received")}`, "1", "24", "24"],
    ]);
    expect(await csvRows(head, "satisfaction", "?period=last-month")).toEqual([
      [S, "1", "4", "0", "0", "0", "1", "0"],
    ]);
    const byChannel = await csvRows(head, "channels", `?service=${encodeURIComponent(serviceId)}`);
    expect(new Map(byChannel.map(([l, n]) => [l, n]))).toEqual(
      new Map([
        [th("channel.web"), "1"],
        [th("channel.email"), "1"],
      ]),
    );
    for (const figure of [
      "channels",
      "services",
      "acknowledgement",
      "service-level",
      "step-times",
      "satisfaction",
    ])
      expect(await csvRows(head, figure, "?period=custom&from=2025-01-01&to=2025-01-31")).toEqual([]);
    const empty = await head.get("/office/dashboard?period=custom&from=2025-01-01&to=2025-01-31");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain(th("dashboards.empty"));
    expect(empty.body).toContain("2568");
  });

  it("RG-5: a supervisor bound to a unit sees only that unit's matters", async () => {
    expect(new Map((await csvRows(unitSupervisor, "channels")).map(([l, n]) => [l, n]))).toEqual(
      new Map([
        [th("channel.web"), "2"],
        [th("channel.line"), "1"],
      ]),
    );
    expect(await csvRows(unitSupervisor, "service-level")).toEqual([[S, "1", "1", "0", "100"]]);
    expect(await csvRows(unitSupervisor, "satisfaction")).toEqual([[S, "1", "5", "0", "0", "0", "0", "1"]]);
    const page = await unitSupervisor.get("/office/dashboard");
    expect(page.body).toContain(th("dashboards.scope.units"));
  });

  it("each table on the page holds the CSV's numbers, and each chart is well-formed SVG with no script", async () => {
    const page = await head.get("/office/dashboard");
    expect(page.statusCode).toBe(200);
    for (const figure of [
      "channels",
      "services",
      "acknowledgement",
      "service-level",
      "step-times",
      "satisfaction",
    ]) {
      const csv = (await csvRows(head, figure)).map((row) => row.map((c) => c.replace(/^"|"$/g, "")));
      const numeric = (rows: string[][]) =>
        rows.map(([label, ...v]) => [label, ...v.map((c) => (c === "" ? null : Number(c)))]);
      expect(numeric(tableRows(page.body, figure)), figure).toEqual(numeric(csv));
    }
    const svgs = [...page.body.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(6);
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img"/);
      const ids = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(" ") ?? [];
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(svg).toContain(`id="${id}"`);
      expect(svg).not.toMatch(/<script|\son[a-z]+=|javascript:|href=/i);
      expect(wellFormed(svg)).toBe(true);
    }
  });

  it("roles: a reviewer gets 403, no session is sent to sign in, an unknown figure is 404", async () => {
    expect((await reviewer.get("/office/dashboard")).statusCode).toBe(403);
    expect((await reviewer.get("/office/dashboard/channels.csv")).statusCode).toBe(403);
    const anonymous = await service.app.inject({ url: "/office/dashboard/channels.csv" });
    expect([302, 303, 401]).toContain(anonymous.statusCode);
    expect((await head.get("/office/dashboard/nothing.csv")).statusCode).toBe(404);
    expect((await head.get("/office/dashboard?service=no-such-service")).statusCode).toBe(400);
    expect((await head.get("/office/dashboard?period=custom&from=2020-01-01&to=2026-01-01")).statusCode).toBe(
      400,
    );
  });
});

/** XML well-formedness of our own output: tags nest, attributes are quoted, entities are known. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(
    /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|#39);)/g,
  )) {
    if (m[0] === "<" || m[0] === "&") return false;
    if (m[1]) {
      if (stack.pop() !== m[2]) return false;
    } else if (!m[4]) stack.push(m[2] ?? "");
  }
  return stack.length === 0;
}
