import net from "node:net";
import path from "node:path";
import type { StorageSettings } from "../platform/storage/open-file-store.js";
// #18 threads
import { defaultThreads } from "../platform/threads/index.js";

/** Settings, parsed once from the environment; a bad value fails fast with the fix in the message. */
export interface Config {
  /** DATABASE_URL: `sqlite:./data/borikan.sqlite` (default) or `postgres://user:pass@host:port/db`. */
  databaseUrl: string;
  /** DATA_DIR: where the SQLite file and received files live (default ./data). */
  dataDir: string;
  /** HOST / PORT: where the web server listens (default 127.0.0.1:3000). */
  host: string;
  port: number;
  /** PUBLIC_URL: the base URL written into tracking links in acknowledgements. */
  publicUrl: string;
  /** ROLE: `web`, `worker` or `all` (default): the worker sends the outbox and converts photos. */
  role: "web" | "worker" | "all";
  /**
   * SMTP_URL: nodemailer transport URL for acknowledgements, e.g. `smtp://127.0.0.1:2525`. Unset: nothing is
   * sent; the outbox keeps mail as `not_configured` (read at /office/outbox) and sends it once this is set.
   */
  smtpUrl: string | undefined;
  /** UPLOAD_MAX_FILE_MB / UPLOAD_MAX_REQUEST_MB / UPLOAD_MAX_FILES: attachment limits per file and request. */
  maxFileBytes: number;
  maxRequestBytes: number;
  maxFiles: number;
  /** DEFAULT_AGENCY: agency served at `/` when the Host matches none (default: the only agency, if one). */
  defaultAgency: string | undefined;
  /**
   * AUDIT_HEAD_DIR: where the audit chain's head is written each day, outside the database, so that a
   * truncated trail is caught (default DATA_DIR/audit-heads; better on storage the DBA cannot write).
   */
  auditHeadDir: string;
  /**
   * OUTBOX_LEASE_SECONDS: how long a worker owns a message it is sending before another may take it over
   * (default 120; a send cut off after the mail server had it is then marked uncertain, never repeated).
   */
  outboxLeaseMs: number;
  /** LOG_LEVEL: pino level (default info). */
  logLevel: string;
  // #9 sign-in limits
  /**
   * TRUST_PROXY: the reverse proxies whose `X-Forwarded-For` names the client (SC-1: the per-address
   * sign-in limit counts that address). Off by default: the peer's address is the client's. A comma list
   * of addresses or CIDRs (`127.0.0.1,10.0.0.0/8`; also `loopback`, `linklocal`, `uniquelocal`), as
   * Fastify's `trustProxy` takes them. Not a hop count: Fastify 5 ignores one, since it cannot tell
   * whether the peer is a proxy at all.
   */
  trustProxy: false | string[];
  // #11 applications
  /**
   * SMS_GATEWAY_URL / SMS_GATEWAY_TOKEN: the HTTP gateway one-time codes of type-1 signatures are sent
   * through by SMS (FM-6; the protocol is in `src/forms/sms-gateway.ts`). Unset: services asking an SMS
   * code say SMS is not available, and no code is claimed sent.
   */
  smsGateway: { url: string; token?: string } | undefined;
  // #13 encryption
  /**
   * ENCRYPTION_KEY: the master key personal data is sealed under (ID-7; 32 bytes, base64 or hex, e.g.
   * `openssl rand -base64 32`). Unset: a first start creates DATA_DIR/encryption.key; set it in production
   * and keep it apart from the data and its backups. ENCRYPTION_KEY_PREVIOUS: a comma list of earlier keys,
   * accepted while `borikan keys rotate` re-wraps.
   */
  encryptionKey: string | undefined;
  encryptionKeyPrevious: string[];
  // #13 sign-in
  /**
   * ThaiD over OpenID Connect (ID-4, THAI-STANDARDS §1): THAID_ISSUER (the discovery base, e.g.
   * `https://imauth.bora.dopa.go.th`), THAID_CLIENT_ID, THAID_CLIENT_SECRET (from DOPA's RP Admin),
   * THAID_SCOPE (default `openid pid name name_en ial`: only the scopes DOPA approved), THAID_API_KEY
   * (sent as `x-api-key` when DOPA issued one), THAID_PROOF_DAYS (how long a ThaiD sign-in proves
   * identity for later applications, default 365). The redirect URI registered with DOPA must be
   * PUBLIC_URL + `/account/thaid/callback`, exactly. Unset: the sign-in page says ThaiD is not set up.
   */
  thaid:
    | {
        issuer: string;
        clientId: string;
        clientSecret: string;
        scope: string;
        apiKey?: string;
        redirectUri: string;
        proofValidityDays: number;
      }
    | undefined;
  // #13 officers-retention
  /**
   * TRAFFIC_LOG: `on` (default) or `off`. On: one line per request in DATA_DIR/traffic/YYYY-MM-DD.log,
   * kept 90 days (PD-4, Computer Crime Act s.26); off only where a proxy in front keeps them instead.
   */
  trafficLog: boolean;
  // #14 signer
  /**
   * The document signer (LC-2, PY-5; docs/signing.md). SIGNING_P12_FILE / SIGNING_P12_PASSWORD: the
   * agency's certificate and key as a PKCS#12 file. Unset: a demo self-signed certificate is made in
   * DATA_DIR/signing-demo.p12 and its documents say they are not the agency's. TSA_URL (http(s)), with
   * TSA_USER / TSA_PASSWORD when the TSA asks for basic auth: every signature gets an RFC 3161
   * time-stamp (PAdES B-T); unset: B-B.
   */
  signing: {
    p12File?: string;
    p12Password?: string;
    tsa?: { url: string; user?: string; password?: string };
  };
  // #15 delivery
  /**
   * DELIVERY_ATTACH_MAX_BYTES: a licence file above this many bytes goes as an expiring signed link
   * (14 days) instead of an attachment (DL-4). Default 5 MB (5242880); 10 KB to 25 MB.
   */
  deliveryAttachMaxBytes: number;
  // #18 storage
  /**
   * STORAGE_URL: unset or `file:<dir>` = a local directory (default DATA_DIR/files); `s3://bucket/prefix`
   * = an S3-compatible bucket, with S3_ENDPOINT (http(s) URL; unset: the cloud's own), S3_REGION (default
   * us-east-1), S3_FORCE_PATH_STYLE (on/off; default on when S3_ENDPOINT is set), S3_ACCESS_KEY_ID and
   * S3_SECRET_ACCESS_KEY (unset: the SDK's default chain), S3_MAX_ATTEMPTS (1-10, default 4).
   */
  storage: StorageSettings;
  // #18 processes
  /**
   * LEASE_SECONDS (default 60): how long a process holds a mailbox watch or a sweep without renewing it;
   * a process that dies is replaced by another within this time. HEARTBEAT_SECONDS (default 5): how often
   * each process records that it is alive. LINE_EVENT_LEASE_SECONDS (default 300): how long a worker owns
   * a LINE event it is handling before another may take it up (OUTBOX_LEASE_SECONDS is above).
   */
  leaseMs: number;
  heartbeatMs: number;
  lineEventLeaseMs: number;
  // #18 ops
  /**
   * Who may read /readyz and /metrics (docs/DEPLOY.md). OPS_ALLOW_FROM: a comma list of addresses or CIDRs
   * (default `127.0.0.1/32,::1/128`); the address checked is the client's as Fastify sees it, so the
   * peer's unless TRUST_PROXY names the proxy. OPS_TOKEN_ENV: the name of the environment variable
   * holding a bearer token (at least 16 characters) that opens them from anywhere; unset: no token.
   * /readyz wants a worker's heartbeat within 3 × HEARTBEAT_SECONDS (the `heartbeatMs` above).
   */
  ops: { allowFrom: string[]; token: string | undefined };
  // #18 line
  /** LINE_CONCURRENCY: how many LINE chats each process handles at once, each chat in order (default 16). */
  lineConcurrency: number;
  // #18 threads
  /**
   * THREADS: worker threads for CPU work (mail parsing, photo conversion, PDF drawing, file screening and
   * hashing) off the event loop; default the cores less one, at least 1; 0 runs that work on the main
   * thread (a tiny install, or to debug).
   */
  threads: number;
}

export class ConfigError extends Error {}

const PROXY_NAMES = ["loopback", "linklocal", "uniquelocal"];

function isProxyAddress(value: string): boolean {
  if (PROXY_NAMES.includes(value)) return true;
  const [address = "", bits, ...rest] = value.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: off, or the proxies' addresses/CIDRs. Never `true`: that would trust any sender. */
function trustProxy(env: NodeJS.ProcessEnv): false | string[] {
  const raw = (env.TRUST_PROXY ?? "").trim();
  if (raw === "" || raw === "false") return false;
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((s) => !isProxyAddress(s));
  if (bad.length > 0)
    throw new ConfigError(
      `TRUST_PROXY=${raw}: ${bad.join(", ")} is not an address or CIDR; list the proxies' addresses (e.g. 127.0.0.1,10.0.0.0/8), or unset it.`,
    );
  return list;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name}=${raw} is not a whole number from ${min} to ${max}; fix or unset it.`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || "./data");
  const role = env.ROLE || "all";
  if (role !== "web" && role !== "worker" && role !== "all") {
    throw new ConfigError(`ROLE=${role} must be one of web, worker, all.`);
  }
  const port = integer(env, "PORT", 3000, 0, 65535);
  const host = env.HOST || "127.0.0.1";
  const databaseUrl = env.DATABASE_URL || `sqlite:${path.join(dataDir, "borikan.sqlite")}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got ${databaseUrl}.`);
  }
  const mb = 1024 * 1024;
  const publicUrl = (env.PUBLIC_URL || `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`).replace(
    /\/$/,
    "",
  );
  return {
    databaseUrl,
    dataDir,
    host,
    port,
    publicUrl,
    role,
    smtpUrl: env.SMTP_URL || undefined,
    maxFileBytes: integer(env, "UPLOAD_MAX_FILE_MB", 10, 1, 100) * mb,
    maxRequestBytes: integer(env, "UPLOAD_MAX_REQUEST_MB", 25, 1, 500) * mb,
    maxFiles: integer(env, "UPLOAD_MAX_FILES", 10, 1, 50),
    defaultAgency: env.DEFAULT_AGENCY || undefined,
    auditHeadDir: path.resolve(env.AUDIT_HEAD_DIR || path.join(dataDir, "audit-heads")),
    outboxLeaseMs: integer(env, "OUTBOX_LEASE_SECONDS", 120, 1, 3600) * 1000,
    logLevel: env.LOG_LEVEL || "info",
    trustProxy: trustProxy(env),
    // #11 applications
    smsGateway: smsGateway(env),
    // #13 encryption
    encryptionKey: env.ENCRYPTION_KEY || undefined,
    encryptionKeyPrevious: (env.ENCRYPTION_KEY_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter(Boolean),
    // #13 sign-in
    thaid: thaid(env, publicUrl),
    // #13 officers-retention
    trafficLog: onOff(env, "TRAFFIC_LOG", true),
    // #14 signer
    signing: signing(env),
    // #15 delivery
    deliveryAttachMaxBytes: integer(env, "DELIVERY_ATTACH_MAX_BYTES", 5 * mb, 10_240, 25 * mb),
    // #18 storage
    storage: storage(env, dataDir),
    // #18 processes
    leaseMs: integer(env, "LEASE_SECONDS", 60, 1, 3600) * 1000,
    heartbeatMs: integer(env, "HEARTBEAT_SECONDS", 5, 1, 600) * 1000,
    lineEventLeaseMs: integer(env, "LINE_EVENT_LEASE_SECONDS", 300, 1, 3600) * 1000,
    // #18 ops
    ops: ops(env),
    // #18 line
    lineConcurrency: integer(env, "LINE_CONCURRENCY", 16, 1, 256),
    // #18 threads
    threads: integer(env, "THREADS", defaultThreads(), 0, 256),
  };
}

// #13 officers-retention: a switch is `on` or `off`, nothing else guessed at.
function onOff(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? "").trim().toLowerCase();
  if (raw === "") return fallback;
  if (raw === "on") return true;
  if (raw === "off") return false;
  throw new ConfigError(`${name}=${env[name]} must be on or off; fix or unset it.`);
}

// #11 applications: SMS_GATEWAY_URL must be an http(s) URL; its token is optional.
function smsGateway(env: NodeJS.ProcessEnv): Config["smsGateway"] {
  const url = (env.SMS_GATEWAY_URL ?? "").trim();
  if (!url) return undefined;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new ConfigError(`SMS_GATEWAY_URL=${url} is not an http(s) URL; fix or unset it.`);
  return { url, token: env.SMS_GATEWAY_TOKEN || undefined };
}

// #13 sign-in: ThaiD needs its issuer, client id and secret together; the issuer is an http(s) URL.
function thaid(env: NodeJS.ProcessEnv, publicUrl: string): Config["thaid"] {
  const issuer = (env.THAID_ISSUER ?? "").trim();
  if (!issuer) return undefined;
  if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol))
    throw new ConfigError(`THAID_ISSUER=${issuer} is not an http(s) URL; fix or unset it.`);
  const clientId = (env.THAID_CLIENT_ID ?? "").trim();
  const clientSecret = env.THAID_CLIENT_SECRET ?? "";
  if (!clientId || !clientSecret)
    throw new ConfigError(
      "THAID_ISSUER is set: set THAID_CLIENT_ID and THAID_CLIENT_SECRET too (from DOPA), or unset it.",
    );
  return {
    issuer,
    clientId,
    clientSecret,
    scope: (env.THAID_SCOPE ?? "").trim() || "openid pid name name_en ial",
    ...(env.THAID_API_KEY && { apiKey: env.THAID_API_KEY }),
    redirectUri: `${publicUrl}/account/thaid/callback`,
    proofValidityDays: integer(env, "THAID_PROOF_DAYS", 365, 1, 3650),
  };
}

// #14 signer: the P12 path is resolved here; TSA_URL must be an http(s) URL, its user optional.
function signing(env: NodeJS.ProcessEnv): Config["signing"] {
  const file = (env.SIGNING_P12_FILE ?? "").trim();
  const url = (env.TSA_URL ?? "").trim();
  if (url && (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)))
    throw new ConfigError(`TSA_URL=${url} is not an http(s) URL; fix or unset it.`);
  if (!url && env.TSA_USER)
    throw new ConfigError("TSA_USER is set without TSA_URL; set the time-stamp authority's URL or unset it.");
  return {
    ...(file && { p12File: path.resolve(file), p12Password: env.SIGNING_P12_PASSWORD ?? "" }),
    ...(url && {
      tsa: {
        url,
        ...(env.TSA_USER && { user: env.TSA_USER, password: env.TSA_PASSWORD ?? "" }),
      },
    }),
  };
}

// #18 storage: the file store's place; credentials only ever from the environment, never the database.
function storage(env: NodeJS.ProcessEnv, dataDir: string): StorageSettings {
  const url = (env.STORAGE_URL ?? "").trim();
  if (!url) return { kind: "file", dir: path.join(dataDir, "files") };
  if (url.startsWith("file:") && url.length > 5) return { kind: "file", dir: path.resolve(url.slice(5)) };
  const s3 = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!s3)
    throw new ConfigError(`STORAGE_URL=${url} must be file:<dir> or s3://bucket/prefix; fix or unset it.`);
  const endpoint = (env.S3_ENDPOINT ?? "").trim() || undefined;
  if (endpoint && (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)))
    throw new ConfigError(`S3_ENDPOINT=${endpoint} is not an http(s) URL; fix or unset it.`);
  const accessKeyId = env.S3_ACCESS_KEY_ID ?? "";
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY ?? "";
  if (!accessKeyId !== !secretAccessKey)
    throw new ConfigError("Set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY together, or neither.");
  const prefix = (s3[2] ?? "").replace(/^\/+|\/+$/g, "");
  return {
    kind: "s3",
    bucket: s3[1]!,
    prefix: prefix ? `${prefix}/` : "",
    endpoint,
    region: (env.S3_REGION ?? "").trim() || "us-east-1",
    forcePathStyle: onOff(env, "S3_FORCE_PATH_STYLE", !!endpoint),
    ...(accessKeyId && { credentials: { accessKeyId, secretAccessKey } }),
    maxAttempts: integer(env, "S3_MAX_ATTEMPTS", 4, 1, 10),
  };
}

// #18 ops: the allow list must parse (a typo would lock the operator out, or worse let everyone in).
function ops(env: NodeJS.ProcessEnv): Config["ops"] {
  const raw = (env.OPS_ALLOW_FROM ?? "").trim() || "127.0.0.1/32,::1/128";
  const allowFrom = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = allowFrom.filter((s) => PROXY_NAMES.includes(s) || !isProxyAddress(s));
  if (bad.length > 0)
    throw new ConfigError(
      `OPS_ALLOW_FROM=${raw}: ${bad.join(", ")} is not an address or CIDR; fix or unset it.`,
    );
  const tokenEnv = (env.OPS_TOKEN_ENV ?? "").trim();
  const token = tokenEnv ? env[tokenEnv] : undefined;
  if (tokenEnv && (token ?? "").length < 16)
    throw new ConfigError(
      `OPS_TOKEN_ENV=${tokenEnv}: set ${tokenEnv} to a token of at least 16 characters (e.g. openssl rand -hex 24), or unset OPS_TOKEN_ENV.`,
    );
  return { allowFrom, token };
}
