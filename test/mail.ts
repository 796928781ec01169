import { saveMailbox } from "../src/intake/mail/index.js";
import { markMailboxStarted } from "../src/intake/mail/mailbox.repo.js";
import type { Clock } from "../src/platform/clock.js";
import type { Dialect } from "../src/platform/db/database.js";
import type { Service } from "../src/service.js";
import { startTestMailbox, type TestMailbox } from "./imap.js";
import { startTestService, type TestService } from "./service.js";
import { startSmtpListener } from "./smtp.js";

/** The environment variable the test mailbox's password is read from, as an operator would set it. */
export const MAILBOX_SECRET_ENV = "SARABAN_IMAP_PASSWORD";

/** Points the demo agency at a test Dovecot (INBOX, Junk, Archive), its server `mx.demo.go.th` trusted. */
export async function connectDemoMailbox(
  service: Pick<Service, "handle" | "clock">,
  mailbox: TestMailbox,
  overrides: {
    extraFolders?: string[];
    retentionDays?: number;
    pollSeconds?: number;
    /** "ask": a first connection to a full mailbox waits for the admin; default: every mail is taken. */
    firstConnection?: "ask" | "take-all";
  } = {},
): Promise<void> {
  await saveMailbox(
    service.handle.db,
    {
      agencyId: "demo",
      host: mailbox.host,
      port: mailbox.port,
      tls: false,
      username: mailbox.user,
      auth: "password",
      secretEnv: MAILBOX_SECRET_ENV,
      oauthTokenUrl: null,
      oauthClientId: null,
      oauthClientSecretEnv: null,
      extraFolders: overrides.extraFolders ?? ["Archive"],
      processedFolder: "Borikan-Processed",
      retentionDays: overrides.retentionDays ?? 90,
      pollSeconds: overrides.pollSeconds ?? 1,
      trustedServer: "mx.demo.go.th",
      enabled: true,
    },
    service.clock.now().toISOString(),
  );
  // Most tests deliver mail accepted days before their clock: they take it all, as if an admin had chosen.
  if (overrides.firstConnection !== "ask") {
    await markMailboxStarted(service.handle.db, "demo", {
      since: null,
      by: "test",
      at: service.clock.now().toISOString(),
    });
  }
}

/** A plain RFC 5322 message with CRLF line ends. */
export function mailText(m: {
  from: string;
  to?: string;
  subject: string;
  body: string;
  messageId?: string;
  date?: string;
  headers?: Record<string, string>;
}): string {
  const lines = [
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    `From: ${m.from}`,
    `To: ${m.to ?? "saraban@demo.go.th"}`,
    `Subject: =?UTF-8?B?${Buffer.from(m.subject).toString("base64")}?=`,
    `Date: ${m.date ?? "Fri, 20 Nov 2026 10:00:00 +0700"}`,
    ...(m.messageId ? [`Message-ID: ${m.messageId}`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from(m.body).toString("base64"),
    "",
  ];
  return lines.join("\r\n");
}

export interface MailTestbed {
  mailbox: TestMailbox;
  smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  service: TestService;
  stop(): Promise<void>;
}

/**
 * A Dovecot mailbox (INBOX, Junk, Archive) connected to the demo agency of a fresh service whose mail goes
 * to an SMTP listener. Undefined where Dovecot is not installed (and never in CI: startTestMailbox throws).
 */
export async function startMailTestbed(dialect: Dialect, clock: Clock): Promise<MailTestbed | undefined> {
  const mailbox = await startTestMailbox();
  if (!mailbox) return undefined;
  await mailbox.createFolder("Archive");
  const smtp = await startSmtpListener();
  const service = await startTestService(dialect, {
    clock,
    smtpUrl: smtp.url,
    env: { [MAILBOX_SECRET_ENV]: mailbox.password },
  });
  await connectDemoMailbox(service, mailbox);
  return {
    mailbox,
    smtp,
    service,
    async stop() {
      await service.stop();
      await smtp.close();
      await mailbox.stop();
    },
  };
}
