import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";

const run = promisify(execFile);
const script = fileURLToPath(new URL("../scripts/dovecot-test-server.sh", import.meta.url));

/** Whether a real IMAP server can be started here (Debian package dovecot-imapd). */
export const mailboxAvailable: boolean = existsSync("/usr/sbin/dovecot");

/** A private Dovecot instance on loopback (see scripts/dovecot-test-server.sh). */
export interface TestMailbox {
  host: string;
  port: number;
  /** saraban@demo.go.th / saraban-pass; officer@demo.go.th / officer-pass also exists. */
  user: string;
  password: string;
  /** Deliver raw RFC 5322 bytes into a folder with the given INTERNALDATE (server receipt time). */
  append(folder: string, raw: string | Buffer, internalDate?: Date, flags?: string[]): Promise<number>;
  /** Many messages over one connection (load and crash tests). */
  appendMany(folder: string, messages: { raw: string | Buffer; internalDate: Date }[]): Promise<void>;
  /** UIDs, INTERNALDATEs and Message-IDs currently in a folder. */
  list(
    folder: string,
  ): Promise<{ uid: number; internalDate: Date; messageId: string | undefined; flags: string[] }[]>;
  createFolder(name: string): Promise<void>;
  /** Dovecot's log so far (logins appear as "imap-login: Login: user=<...>, method=XOAUTH2, ..."). */
  log(): Promise<string>;
  /** Make login fail from now on (change the password in the passwd-file) / restore it. */
  breakLogin(): Promise<void>;
  restoreLogin(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestMailboxOptions {
  /**
   * Also accept OAuth2 bearer tokens (SASL XOAUTH2 / OAUTHBEARER), checking each one at this RFC 7662
   * introspection endpoint (test/oauth-server.ts); passwords keep working.
   */
  oauth2IntrospectionUrl?: string;
  /**
   * The OAuth2 mechanisms offered, default both. ImapFlow prefers OAUTHBEARER when offered, so
   * `["xoauth2"]` (what Microsoft 365 offers) is how a test makes it use XOAUTH2.
   */
  oauth2Mechanisms?: ("xoauth2" | "oauthbearer")[];
}

/**
 * Starts a fresh Dovecot in its own temp dir. Undefined when Dovecot is not installed,
 * except in CI, where a missing Dovecot must fail the run rather than skip the tests.
 */
export async function startTestMailbox(options: TestMailboxOptions = {}): Promise<TestMailbox | undefined> {
  if (!mailboxAvailable) {
    if (process.env.CI === "true") {
      throw new Error("dovecot-imapd is required in CI (/usr/sbin/dovecot not found): install it in .ci/run");
    }
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), "borikan-imap-"));
  let address: string;
  try {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.OAUTH2_INTROSPECTION_URL;
    delete env.OAUTH2_MECHANISMS;
    if (options.oauth2IntrospectionUrl) env.OAUTH2_INTROSPECTION_URL = options.oauth2IntrospectionUrl;
    if (options.oauth2Mechanisms) env.OAUTH2_MECHANISMS = options.oauth2Mechanisms.join(" ");
    address = (await run("bash", [script, "start", dir], { encoding: "utf8", env })).stdout.trim();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const [host = "127.0.0.1", portText = ""] = address.split(":");
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`dovecot-test-server printed "${address}"`);

  const user = "saraban@demo.go.th";
  const password = "saraban-pass";
  const usersFile = join(dir, "users");

  // The fixture's own connections log in through Dovecot's master user, so they keep
  // working while breakLogin() has changed the user's password.
  async function withClient<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = new ImapFlow({
      host,
      port,
      secure: false,
      auth: { user: `${user}*fixture`, pass: "fixture-pass" },
      logger: false,
      disableAutoIdle: true,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  // Dovecot rereads the passwd-file when its mtime or size has changed, but checks at most
  // once per second (per whole second of its clock). So the write is followed by a wait for
  // the next second: any login after that sees the new password. The two passwords differ
  // in length, so even a change back within the same second of mtime is noticed.
  async function setPassword(pass: string): Promise<void> {
    const lines = readFileSync(usersFile, "utf8")
      .split("\n")
      .map((line) => (line.startsWith(`${user}:`) ? `${user}:{PLAIN}${pass}::::::` : line));
    const temp = `${usersFile}.tmp`;
    writeFileSync(temp, lines.join("\n"), { mode: 0o644 });
    renameSync(temp, usersFile);
    await sleep(1000 - (Date.now() % 1000) + 10);
  }

  let stopped = false;
  return {
    host,
    port,
    user,
    password,
    append: (folder, raw, internalDate, flags) =>
      withClient(async (client) => {
        const result = await client.append(folder, raw, flags, internalDate);
        if (!result || result.uid === undefined) throw new Error(`APPEND to ${folder} returned no UID`);
        return result.uid;
      }),
    appendMany: (folder, messages) =>
      withClient(async (client) => {
        for (const m of messages) await client.append(folder, m.raw, [], m.internalDate);
      }),
    list: (folder) =>
      withClient(async (client) => {
        const box = await client.mailboxOpen(folder, { readOnly: true });
        if (box.exists === 0) return [];
        const messages = await client.fetchAll("1:*", {
          uid: true,
          internalDate: true,
          envelope: true,
          flags: true,
        });
        return messages.map((m) => ({
          uid: m.uid,
          internalDate: new Date(m.internalDate ?? Number.NaN),
          messageId: m.envelope?.messageId,
          // \Recent only says this session is the first to see the message.
          flags: [...(m.flags ?? [])].filter((flag) => flag !== "\\Recent"),
        }));
      }),
    createFolder: async (name) => {
      await withClient((client) => client.mailboxCreate(name));
    },
    log: async () => readFileSync(join(dir, "dovecot.log"), "utf8"),
    breakLogin: () => setPassword(`broken-${password}`),
    restoreLogin: () => setPassword(password),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        await run("bash", [script, "stop", dir]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
