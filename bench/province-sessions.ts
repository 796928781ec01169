import type { ProvinceAgency } from "./province-setup.js";

const NEW_PASSWORD = "Bench-Province-Officer-2569";
const csrfOf = (body: string) => /name="_csrf" value="([^"]*)"/.exec(body)?.[1] ?? "";

/**
 * Signs an agency's officer in through the agency's own sign-in page (`/a/<id>/office/login`), changing the
 * temporary password on the way as a new officer must, and returns the session cookie. Real sign-ins, so
 * the run pays argon2 and the database-counted sign-in limits like anyone (30 per address a minute: the
 * run signs in only `--officers` of them).
 */
export async function signInOfficer(port: number, agency: ProvinceAgency): Promise<string> {
  const base = `http://127.0.0.1:${port}/a/${agency.id}`;
  const cookies = new Map<string, string>();
  const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const request = async (url: string, form?: Record<string, string>) => {
    const res = await fetch(base + url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        accept: "text/html",
        cookie: cookie(),
        ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0] ?? "";
      const eq = pair.indexOf("=");
      if (/max-age=0(;|$)/i.test(line) || eq < 0 || pair.slice(eq + 1).trim() === "")
        cookies.delete(pair.slice(0, eq).trim());
      else cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return { status: res.status, location: res.headers.get("location") ?? "", body: await res.text() };
  };
  const login = await request("/office/login");
  const posted = await request("/office/login", {
    _csrf: csrfOf(login.body),
    email: agency.officer.email,
    password: agency.officer.password,
    next: "/office/register",
  });
  if (posted.status !== 303) throw new Error(`${agency.id}: sign-in answered ${posted.status}`);
  let page = await request("/office/register");
  if (page.status === 303 && page.location.endsWith("/office/account")) {
    const account = await request("/office/account");
    const changed = await request("/office/account/password", {
      _csrf: csrfOf(account.body),
      current: agency.officer.password,
      next: NEW_PASSWORD,
    });
    if (changed.status !== 200) throw new Error(`${agency.id}: password change answered ${changed.status}`);
    page = await request("/office/register");
  }
  if (page.status !== 200) throw new Error(`${agency.id}: register page after sign-in: ${page.status}`);
  const session = cookies.get("borikan_staff");
  if (!session) throw new Error(`${agency.id}: no session cookie after sign-in`);
  return `borikan_staff=${session}`;
}
