import nodemailer from "nodemailer";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  messageId?: string;
  /** CH-4: answer in the sender's thread. */
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  /** #12 correspondence: files sent with the message (an official letter's PDF), base64 as kept. */
  attachments?: MailAttachment[];
}

/** A file of a message, base64-encoded so that it can wait in the outbox as JSON. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
  encoding: "base64";
}

/** Something that sends one message or throws; tests plug in here. */
export interface MailSender {
  /** False when no mail server is configured: nothing can be sent, and nothing may be called sent. */
  readonly configured: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer (`smtp://host:port`, `smtps://user:pass@host`). With no URL there is no
 * transport: `configured` is false and `send` refuses, so the outbox keeps its mail as not sent.
 */
export function createMailSender(smtpUrl: string | undefined, log: (msg: string) => void): MailSender {
  if (!smtpUrl) {
    return {
      configured: false,
      send: async (mail) => {
        log(`SMTP_URL unset: mail to ${mail.to} "${mail.subject}" not sent`);
        throw new Error("no mail server is configured (SMTP_URL)");
      },
      close: () => {},
    };
  }
  // Pooled: connections are reused (a greeting and EHLO per message would cost more than the message).
  const pooled = /[?&]pool=/.test(smtpUrl)
    ? smtpUrl
    : `${smtpUrl}${smtpUrl.includes("?") ? "&" : "?"}pool=true`;
  const transport = nodemailer.createTransport(pooled);
  return {
    configured: true,
    send: async (mail) => {
      await transport.sendMail({ ...mail, headers: { "Auto-Submitted": "auto-replied", ...mail.headers } });
    },
    close: () => transport.close(),
  };
}
