import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { TOTP_FLOOR_ROLES } from "../src/agencies/index.js";
import type { Clock } from "../src/platform/clock.js";
import type { DatabaseHandle } from "../src/platform/db/database.js";
import { createStaff, totpCode } from "../src/staff/index.js";

/** A browser-like client of the back office: keeps cookies, and the CSRF token of the last page. */
export class OfficeClient {
  cookies = new Map<string, string>();
  csrf = "";
  /** The officer's password and second-factor secret once known (for `stepUp`). */
  password = "";
  totpSecret = "";
  constructor(
    readonly app: FastifyInstance,
    readonly prefix = "",
  ) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === "" || (c.maxAge !== undefined && c.maxAge <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]*)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  /** The Cookie header a browser would send. */
  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        url: this.prefix + url,
        headers: { accept: "text/html", cookie: this.cookieHeader, ...headers },
      }),
    );
  }

  async post(
    url: string,
    form: Record<string, string | string[]> = {},
    options: { csrf?: string | null } = {},
  ) {
    const body = new URLSearchParams();
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null) body.append("_csrf", csrf);
    for (const [k, v] of Object.entries(form))
      for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return this.remember(
      await this.app.inject({
        method: "POST",
        url: this.prefix + url,
        payload: body.toString(),
        headers: {
          accept: "text/html",
          "content-type": "application/x-www-form-urlencoded",
          cookie: this.cookieHeader,
        },
      }),
    );
  }

  /** Signs in (and changes a temporary password when asked to). */
  async signIn(email: string, password: string, newPassword = "Correct-Horse-42"): Promise<string> {
    await this.get("/office/login");
    const res = await this.post("/office/login", { email, password, next: "/office/register" });
    if (res.statusCode !== 303)
      throw new Error(`sign-in failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const page = await this.get("/office/register");
    if (page.statusCode === 303 && String(page.headers.location).endsWith("/office/account")) {
      await this.get("/office/account");
      const changed = await this.post("/office/account/password", { current: password, next: newPassword });
      if (changed.statusCode !== 200)
        throw new Error(`password change failed: ${changed.body.slice(0, 300)}`);
      this.password = newPassword;
      return newPassword;
    }
    this.password = password;
    return password;
  }
}

/** Creates an officer and a signed-in client for them. */
export async function signedInOfficer(
  app: FastifyInstance,
  handle: DatabaseHandle,
  clock: Clock,
  agencyId: string,
  email: string,
  roles: string[],
  prefix = "",
  unitIds: string[] = [],
) {
  const { staff, temporaryPassword } = await createStaff(
    handle,
    agencyId,
    { email, displayName: email.split("@")[0]!, roles, unitIds },
    { clock, actor: "test" },
  );
  const client = new OfficeClient(app, prefix);
  const password = await client.signIn(email, temporaryPassword);
  // AAL2 (#13): approvers, finance officers, heads of agency must enrol a second factor before working.
  if (roles.some((r) => TOTP_FLOOR_ROLES.includes(r))) await enrolTotp(client, clock);
  return { client, staff, password };
}

/** An officer of the demo agency who is both its administrator and a saraban officer, signed in. */
export async function signedInChief(
  service: { app: FastifyInstance; handle: DatabaseHandle },
  clock: Clock,
  email = "chief@demo.go.th",
): Promise<OfficeClient> {
  const { client } = await signedInOfficer(service.app, service.handle, clock, "demo", email, [
    "admin",
    "saraban_officer",
  ]);
  return client;
}

/** Enrols a second factor for a signed-in officer, as they would with an authenticator app. */
export async function enrolTotp(client: OfficeClient, clock: Clock): Promise<string> {
  await client.get("/office/account");
  const page = await client.post("/office/account/totp");
  const secret = /<p>[^<]*?([A-Z2-7]{32})/.exec(page.body)?.[1];
  if (!secret) throw new Error(`no TOTP secret on the enrolment page: ${page.body.slice(0, 300)}`);
  const confirmed = await client.post("/office/account/totp/confirm", {
    code: totpCode(secret, clock.now()),
  });
  if (confirmed.statusCode !== 303) throw new Error(`TOTP enrolment failed: ${confirmed.statusCode}`);
  client.totpSecret = secret;
  return secret;
}

/**
 * WS-3: steps the officer's session up (password + a current code) so that an approval, payment or
 * licence may follow within 15 minutes. The officer must have a second factor (`enrolTotp`).
 */
export async function stepUp(client: OfficeClient, clock: Clock): Promise<void> {
  if (!client.totpSecret) await enrolTotp(client, clock);
  await client.get("/office/step-up");
  const res = await client.post("/office/step-up?return=/office/register", {
    password: client.password,
    code: totpCode(client.totpSecret, clock.now()),
  });
  if (res.statusCode !== 303) throw new Error(`step-up failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
}
