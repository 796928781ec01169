import http from "node:http";

/** A plain HTTP client for the fuzz bench: any bytes, no retries, a bounded wait; cookies by hand. */
export interface Answer {
  status: number | "timeout" | "closed";
  body: string;
  cookies: string[];
  location?: string;
}

export function send(
  port: number,
  agent: http.Agent,
  req: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer },
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const r = http.request(
      { host: "127.0.0.1", port, agent, method: req.method ?? "POST", path: req.path, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString("utf8"),
            cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!),
            location: res.headers.location,
          }),
        );
        res.on("error", () => resolve({ status: "closed", body: "", cookies: [] }));
      },
    );
    r.setTimeout(timeoutMs, () => {
      r.destroy();
      resolve({ status: "timeout", body: "", cookies: [] });
    });
    // A server may answer a refused body before reading all of it and close: that is not a fault.
    r.on("error", () => resolve({ status: "closed", body: "", cookies: [] }));
    r.end(req.body);
  });
}

/** Signs the admin in over HTTP (temporary password, then a forced change) and returns cookie and token. */
export async function signIn(port: number, agent: http.Agent, email: string, password: string) {
  const jar = new Map<string, string>();
  const keep = (a: Answer) => {
    for (const c of a.cookies) jar.set(c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1));
    return a;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const token = (a: Answer) => /name="_csrf" value="([^"]*)"/.exec(a.body)?.[1] ?? "";
  const form = (fields: Record<string, string>) => ({
    "content-type": "application/x-www-form-urlencoded",
    cookie: cookie(),
    accept: "text/html",
    ...fields,
  });
  const page = keep(await send(port, agent, { method: "GET", path: "/office/login" }, 30_000));
  const login = new URLSearchParams({ _csrf: token(page), email, password, next: "/office/account" });
  keep(
    await send(
      port,
      agent,
      { path: "/office/login", headers: form({}), body: Buffer.from(login.toString()) },
      30_000,
    ),
  );
  const account = keep(
    await send(port, agent, { method: "GET", path: "/office/account", headers: form({}) }, 30_000),
  );
  const change = new URLSearchParams({
    _csrf: token(account),
    current: password,
    next: "Fuzz-Bench-Pass-42",
  });
  const changed = keep(
    await send(
      port,
      agent,
      { path: "/office/account/password", headers: form({}), body: Buffer.from(change.toString()) },
      30_000,
    ),
  );
  if (changed.status !== 200)
    throw new Error(`admin sign-in failed: ${changed.status} ${changed.body.slice(0, 200)}`);
  return { cookie: cookie(), csrf: token(changed) };
}

/** The office POST routes the server has, from its OpenAPI document (new routes are included as they come). */
export async function officeRoutes(port: number, agent: http.Agent): Promise<string[]> {
  const doc = JSON.parse((await send(port, agent, { method: "GET", path: "/docs/json" }, 30_000)).body) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return (
    Object.entries(doc.paths)
      // Sign-in and sign-out are left to the fuzz test: wrong codes would lock the admin out (SC-1), and
      // the address's sign-in attempts run out within a minute, so the rest would test the guard only.
      .filter(
        ([p, methods]) =>
          p.startsWith("/office/") && "post" in methods && !/\/(login|login\/totp|logout)$/.test(p),
      )
      .map(([p]) => p.replace(/\{(\w+)\}/g, ":$1"))
  );
}
