import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A real SMTP listener on loopback that keeps every message it accepts, parsed. */
export async function startSmtpListener(): Promise<{
  url: string;
  messages: ParsedMail[];
  raw: string[];
  close(): Promise<void>;
}> {
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // No DNS here: a reverse lookup per connection would only wait for its timeout.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        raw.push(text);
        simpleParser(text).then(
          (mail) => {
            messages.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
