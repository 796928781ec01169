import { saveMailbox } from "../src/intake/mail/index.js";
import type { Service } from "../src/service.js";
import type { TestMailbox } from "./imap.js";

/** The environment variable the test mailbox's password is read from, as an operator would set it. */
export const MAILBOX_SECRET_ENV = "SARABAN_IMAP_PASSWORD";

/** Points the demo agency at a test Dovecot (INBOX, Junk, Archive), its server `mx.demo.go.th` trusted. */
export async function connectDemoMailbox(
  service: Pick<Service, "handle" | "clock">,
  mailbox: TestMailbox,
  overrides: { extraFolders?: string[]; retentionDays?: number; pollSeconds?: number } = {},
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
