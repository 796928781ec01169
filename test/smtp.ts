import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** Answers held back by `hold()`: `arrived` resolves when a message waits for its answer. */
export interface SmtpHold {
  arrived: Promise<void>;
  /** Answers the waiting messages (250) and stops holding; one whose client has gone is dropped. */
  release(): void;
}

/** A real SMTP listener on loopback that keeps every message it accepts, parsed. */
export async function startSmtpListener(): Promise<{
  url: string;
  messages: ParsedMail[];
  raw: string[];
  /** Holds the answer to each message's data until released (a send in flight, for stop tests). */
  hold(): SmtpHold;
  /** Answers RCPT TO for `address` with `code` (e.g. 550 for good, 451 for now) until `accept`ed. */
  refuse(address: string, code: number, text?: string): void;
  accept(address: string): void;
  close(): Promise<void>;
}> {
  const refusals = new Map<string, { code: number; text: string }>();
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  const closedSessions = new Set<string>();
  let held: { released: Promise<void>; arrive(): void } | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // No DNS here: a reverse lookup per connection would only wait for its timeout.
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (!refusal) return callback();
      const error = new Error(refusal.text) as Error & { responseCode: number };
      error.responseCode = refusal.code;
      callback(error);
    },
    onClose(session) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const accept = () => {
          // A client that went away before the answer never saw its message accepted: not delivered.
          if (closedSessions.has(session.id)) return;
          raw.push(text);
          simpleParser(text).then(
            (mail) => {
              messages.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        };
        if (!held) return accept();
        held.arrive();
        held.released.then(accept);
      });
    },
  });
  // A client killed mid-session (the crash tests kill the worker) resets its connection: smtp-server
  // reports that on the server, where an unheard 'error' would end the test process.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    raw,
    hold() {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      held = { released, arrive };
      return {
        arrived,
        release() {
          held = undefined;
          release();
        },
      };
    },
    refuse(address, code, text) {
      const fallback = code >= 500 ? "5.1.1 User unknown" : "4.2.1 Mailbox busy, try again later";
      refusals.set(address.toLowerCase(), { code, text: text ?? fallback });
    },
    accept(address) {
      refusals.delete(address.toLowerCase());
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
