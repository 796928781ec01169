import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestMailbox, type TestMailbox, type TestMailboxOptions } from "../../../test/imap.js";
import { mailText } from "../../../test/mail.js";
import { type OAuthServer, type OAuthServerOptions, startOAuthServer } from "../../../test/oauth-server.js";
import { startTestService, type TestService } from "../../../test/service.js";
import { fixedClock } from "../../platform/clock.js";
import { createMailIntake, findMailbox, mailboxAlerts, saveMailbox } from "./index.js";

// Microsoft 365 / Google Workspace: the mailbox is reached with an OAuth2 access token (SASL XOAUTH2)
// obtained by the refresh-token grant. Dovecot is real and checks every token at the fake identity
// provider (test/oauth-server.ts) by RFC 7662 introspection, as its oauth2 passdb does.

// Friday 20 November 2026, 10:00 in Bangkok: the server accepted the mail then.
const ACCEPTED = new Date("2026-11-20T03:00:00.000Z");
const USER = "saraban@demo.go.th";
const REFRESH_ENV = "SARABAN_REFRESH_TOKEN";
const CLIENT_SECRET_ENV = "SARABAN_CLIENT_SECRET";
const env = { [REFRESH_ENV]: "refresh-1", [CLIENT_SECRET_ENV]: "client-secret" };

/** An identity provider, a Dovecot that trusts it, and the service pointed at both. */
function oauthFixture(
  dialect: Parameters<typeof startTestService>[0],
  options: { server?: Partial<OAuthServerOptions>; mechanisms?: TestMailboxOptions["oauth2Mechanisms"] },
) {
  const fixture = {} as { oauth: OAuthServer; mailbox: TestMailbox | undefined; service: TestService };
  const clock = fixedClock(new Date(ACCEPTED.getTime() + 3 * 3_600_000));

  beforeAll(async () => {
    fixture.oauth = await startOAuthServer({ user: USER, refreshToken: "refresh-1", ...options.server });
    fixture.mailbox = await startTestMailbox({
      oauth2IntrospectionUrl: fixture.oauth.introspectionUrl,
      oauth2Mechanisms: options.mechanisms,
    });
    if (!fixture.mailbox) return;
    fixture.service = await startTestService(dialect, { clock, env });
    await saveMailbox(
      fixture.service.handle.db,
      {
        agencyId: "demo",
        host: fixture.mailbox.host,
        port: fixture.mailbox.port,
        tls: false,
        username: fixture.mailbox.user,
        auth: "xoauth2",
        secretEnv: REFRESH_ENV,
        oauthTokenUrl: fixture.oauth.tokenUrl,
        oauthClientId: "borikan-test",
        oauthClientSecretEnv: CLIENT_SECRET_ENV,
        extraFolders: ["Archive"],
        processedFolder: "Borikan-Processed",
        retentionDays: 90,
        pollSeconds: 1,
        trustedServer: "mx.demo.go.th",
        enabled: true,
      },
      clock.now().toISOString(),
    );
  });

  afterAll(async () => {
    await fixture.service?.stop();
    await fixture.mailbox?.stop();
    await fixture.oauth?.close();
  });

  return fixture;
}

const request = (n: number) =>
  mailText({
    from: "สมชาย ใจดี <somchai@example.com>",
    subject: `คำร้องที่ ${n}`,
    body: `เรียน นายอำเภอ\nคำร้องที่ ${n}\n\nขอแสดงความนับถือ\nสมชาย ใจดี\n`,
    messageId: `<oauth-${n}@example.com>`,
  });

/** Logins Dovecot logged with the given SASL mechanism for the mailbox user. */
const loginsBy = (log: string, method: string) =>
  log.split("\n").filter((line) => line.includes(`Login: user=<${USER}>, method=${method},`)).length;

describe.each(testDialects())("mail intake over XOAUTH2 on %s", (dialect) => {
  // Microsoft 365 offers XOAUTH2 only (ImapFlow would prefer OAUTHBEARER if it were offered).
  const f = oauthFixture(dialect, { mechanisms: ["xoauth2"] });

  const entries = () => f.service.handle.db.selectFrom("entries").selectAll().orderBy("sequence").execute();
  /** Another intake on the same database, as after a restart: no token cached, secrets from `env`. */
  const freshIntake = (overrides: Record<string, string>) =>
    createMailIntake({
      handle: f.service.handle,
      clock: f.service.clock,
      files: f.service.files,
      secret: "test-secret",
      maxFileBytes: 10 * 1024 * 1024,
      log: () => {},
      env: { ...env, ...overrides },
    });

  it("CH-3: mail accepted at T, taken at T+3h over XOAUTH2, is received at T", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    await f.mailbox.append("INBOX", request(1), ACCEPTED);
    const summary = await f.service.mail.runOnce("demo");
    expect(summary.registered).toBe(1);
    const [entry] = await entries();
    expect(entry?.received_at).toBe(ACCEPTED.toISOString());
    expect(entry?.sender_email).toBe("somchai@example.com");
    // One refresh-token grant, and Dovecot asked the identity provider about the token it was given.
    expect(f.oauth.tokenRequests()).toBe(1);
    expect(f.oauth.introspections()).toBe(1);
    expect(loginsBy(await f.mailbox.log(), "XOAUTH2")).toBe(1);
    expect(await f.mailbox.list("INBOX")).toEqual([]);
  });

  it("CH-12: a second pass within the token's lifetime reuses the access token", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    await f.mailbox.append("INBOX", request(2), ACCEPTED);
    const summary = await f.service.mail.runOnce("demo");
    expect(summary.registered).toBe(1);
    expect(await entries()).toHaveLength(2);
    expect(f.oauth.tokenRequests()).toBe(1);
    // The same token was presented again, and checked again.
    expect(f.oauth.introspections()).toBe(2);
    expect(loginsBy(await f.mailbox.log(), "XOAUTH2")).toBe(2);
    const health = (await findMailbox(f.service.handle.db, "demo"))?.health;
    expect(health?.lastOkAt).not.toBeNull();
    expect(health?.failingSince).toBeNull();
  });

  it("CH-12: a revoked access token fails the pass, and the mailbox shows the failure", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    f.oauth.revokeAll();
    await f.mailbox.append("INBOX", request(3), ACCEPTED);
    await expect(f.service.mail.runOnce("demo")).rejects.toMatchObject({ authenticationFailed: true });
    // The cached token was presented and refused; no new one was asked for yet (it is dropped now).
    expect(f.oauth.tokenRequests()).toBe(1);
    expect(f.oauth.introspections()).toBe(3);
    const mailbox = (await findMailbox(f.service.handle.db, "demo"))!;
    expect(mailbox.health.failingSince?.toISOString()).toBe(f.service.clock.now().toISOString());
    expect(mailbox.health.lastError).toMatch(/^login failed: Authentication failed/);
    expect(mailboxAlerts(mailbox, f.service.clock.now())).toContainEqual(
      expect.objectContaining({ problem: "failing" }),
    );
    expect(await entries()).toHaveLength(2);
    expect(await f.mailbox.list("INBOX")).toHaveLength(1);
  });

  it("CH-12: a refresh token the provider no longer accepts fails with invalid_grant, shown on the mailbox", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    const intake = freshIntake({ [REFRESH_ENV]: "refresh-revoked" });
    await expect(intake.runOnce("demo")).rejects.toThrow("OAuth2 token refresh failed: 400 invalid_grant");
    expect(f.oauth.tokenRequests()).toBe(2);
    // No token, so no login was tried.
    expect(f.oauth.introspections()).toBe(3);
    const { health } = (await findMailbox(f.service.handle.db, "demo"))!;
    expect(health.failingSince).not.toBeNull();
    expect(health.lastError).toBe("OAuth2 token refresh failed: 400 invalid_grant");
  });

  it("CH-12: a wrong client secret fails with invalid_client, shown on the mailbox", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    const intake = freshIntake({ [CLIENT_SECRET_ENV]: "not-the-secret" });
    await expect(intake.runOnce("demo")).rejects.toThrow("OAuth2 token refresh failed: 401 invalid_client");
    expect(f.oauth.tokenRequests()).toBe(3);
    const { health } = (await findMailbox(f.service.handle.db, "demo"))!;
    expect(health.lastError).toBe("OAuth2 token refresh failed: 401 invalid_client");
  });

  it("CH-12: the refused token was dropped, so the same worker's next pass gets a new one and the failure is cleared", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    // The service's own intake presented the revoked token once; it must not keep presenting it.
    const intake = f.service.mail;
    const summary = await intake.runOnce("demo");
    expect(summary.registered).toBe(1);
    expect(f.oauth.tokenRequests()).toBe(4);
    expect(await entries()).toHaveLength(3);
    const mailbox = (await findMailbox(f.service.handle.db, "demo"))!;
    expect(mailbox.health.failingSince).toBeNull();
    expect(mailbox.health.lastError).toBeNull();
    expect(mailboxAlerts(mailbox, f.service.clock.now())).toEqual([]);
    expect(loginsBy(await f.mailbox.log(), "XOAUTH2")).toBe(3);
  });
});

describe.each(testDialects())("mail intake with short-lived, rotating OAuth2 tokens on %s", (dialect) => {
  // Google offers OAUTHBEARER as well, which ImapFlow then prefers. Tokens living less than the
  // 60 s safety margin are fetched anew for every pass, and each grant rotates the refresh token.
  const f = oauthFixture(dialect, { server: { expiresIn: 2, rotateRefreshToken: true } });

  it("CH-12: every pass gets a new token with the refresh token the provider rotated last", async (ctx) => {
    if (!f.mailbox) return ctx.skip();
    await f.mailbox.append("INBOX", request(1), ACCEPTED);
    expect((await f.service.mail.runOnce("demo")).registered).toBe(1);
    expect(f.oauth.tokenRequests()).toBe(1);
    expect(f.oauth.currentRefreshToken()).not.toBe("refresh-1");
    await f.mailbox.append("INBOX", request(2), ACCEPTED);
    // "refresh-1" is refused by now: the pass succeeds only with the rotated one.
    expect((await f.service.mail.runOnce("demo")).registered).toBe(1);
    expect(f.oauth.tokenRequests()).toBe(2);
    expect(loginsBy(await f.mailbox.log(), "OAUTHBEARER")).toBe(2);
    const { health } = (await findMailbox(f.service.handle.db, "demo"))!;
    expect(health.failingSince).toBeNull();
  });
});
