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
}

/** Something that sends one message or throws; tests and the no-SMTP default plug in here. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP through nodemailer (`smtp://host:port`, `smtps://user:pass@host`), or a logger when unset. */
export function createMailSender(smtpUrl: string | undefined, log: (msg: string) => void): MailSender {
  if (!smtpUrl) {
    return {
      send: async (mail) => log(`SMTP_URL unset: mail to ${mail.to} "${mail.subject}" not sent`),
      close: () => {},
    };
  }
  // Pooled: connections are reused (a greeting and EHLO per message would cost more than the message).
  const pooled = /[?&]pool=/.test(smtpUrl)
    ? smtpUrl
    : `${smtpUrl}${smtpUrl.includes("?") ? "&" : "?"}pool=true`;
  const transport = nodemailer.createTransport(pooled);
  return {
    send: async (mail) => {
      await transport.sendMail({ ...mail, headers: { "Auto-Submitted": "auto-replied", ...mail.headers } });
    },
    close: () => transport.close(),
  };
}
