import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../test/db.js";
import { type OfficeClient, signedInChief, signedInOfficer } from "../../test/office.js";
import { startTestService, type TestService } from "../../test/service.js";

const SLUGS = ["contact", "terms", "privacy-policy", "privacy-notice", "security"];

describe.each(testDialects())("WS-2: the footer pages (%s)", (dialect) => {
  let service: TestService;
  let admin: OfficeClient;
  beforeAll(async () => {
    service = await startTestService(dialect);
    admin = await signedInChief(service, service.clock);
  }, 60_000);
  afterAll(async () => {
    await service?.stop();
  });
  const page = (url: string) => service.app.inject({ method: "GET", url, headers: { accept: "text/html" } });

  it("WS-2: every public page's footer links to contact, terms, privacy policy, privacy notice and security", async () => {
    for (const [url, prefix] of [
      ["/", ""],
      ["/a/demo/", "/a/demo"],
      ["/pages/terms", ""],
      ["/requests/2569/999?t=x", ""],
    ] as const) {
      const body = (await page(url)).body;
      const footer = body.slice(body.indexOf("<footer>"));
      for (const slug of SLUGS) expect(footer, `${url} ${slug}`).toContain(`href="${prefix}/pages/${slug}"`);
    }
  });

  it("WS-2: each page shows the default text with the agency's name until the admin writes its own", async () => {
    for (const slug of SLUGS) expect((await page(`/a/demo/pages/${slug}`)).statusCode).toBe(200);
    const terms = await page("/pages/terms?lang=en");
    expect(terms.body).toContain("Terms of use");
    const unknown = await page("/pages/not-a-page");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("SITE_PAGE_NOT_FOUND");
  });

  it("WS-2: the agency admin edits a page (CSRF, audited); its text is shown as plain text", async () => {
    const form = await admin.get("/office/admin/pages");
    expect(form.statusCode).toBe(200);
    expect((await admin.get("/office/register")).body).toContain('href="/office/admin/pages"');
    const saved = await admin.post("/office/admin/pages/contact", {
      titleTh: "ติดต่อเรา",
      titleEn: "",
      bodyTh: "โทร 02 000 0000\n\n<script>alert(1)</script>",
      bodyEn: "",
    });
    expect(saved.statusCode).toBe(200);
    const shown = await page("/pages/contact");
    expect(shown.body).toContain("ติดต่อเรา");
    expect(shown.body).toContain("&lt;script&gt;");
    expect((await page("/pages/contact?lang=en")).body).toContain("Contact us");
    const audit = await service.handle.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "site.page-saved")
      .execute();
    expect(audit).toHaveLength(1);
    expect(
      (await admin.post("/office/admin/pages/contact", { titleTh: "x" }, { csrf: "forged" })).statusCode,
    ).toBe(403);
    expect((await admin.post("/office/admin/pages/nope", { titleTh: "x" })).statusCode).toBe(404);
  });

  it("WS-2: an officer who is not an admin cannot edit the pages", async () => {
    const { client } = await signedInOfficer(
      service.app,
      service.handle,
      service.clock,
      "demo",
      "o@demo.go.th",
      ["saraban_officer"],
    );
    expect((await client.get("/office/admin/pages")).statusCode).toBe(403);
    expect((await client.post("/office/admin/pages/terms", { titleTh: "x" })).statusCode).toBe(403);
  });
});
