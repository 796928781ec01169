import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local CKAN stand-in speaking the Action API as data.go.th and a GD Catalog (thai-gdc) do: POST JSON
 * to `/api/3/action/<action>`, the token in `Authorization`, `{success, result}` answers,
 * `{success:false, error:{__type, message}}` refusals (403 bad token, 404 not found, 409 validation).
 */
export interface CkanPackage {
  id: string;
  name: string;
  owner_org: string;
  resources: CkanResource[];
  [field: string]: unknown;
}
export interface CkanResource {
  id: string;
  package_id: string;
  url: string;
  format?: string;
  [field: string]: unknown;
}

/** thai-gdc's required dataset fields (ckan_dataset.json; THAI-STANDARDS §10), name for CKAN itself. */
export const THAI_GDC_REQUIRED = [
  "name",
  "title",
  "owner_org",
  "maintainer",
  "maintainer_email",
  "tag_string",
  "notes",
  "objective",
  "update_frequency_unit",
  "geo_coverage",
  "data_source",
  "data_format",
  "data_category",
  "license_id",
  "data_type",
] as const;

export interface LocalCkan {
  url: string;
  packages: Map<string, CkanPackage>;
  /** Every call as it came: the action and its body. */
  calls: { action: string; body: Record<string, unknown> }[];
  stop(): Promise<void>;
}

const NAME = /^[a-z0-9_-]{2,100}$/;

export async function startLocalCkan(options: { token: string; orgs: string[] }): Promise<LocalCkan> {
  const packages = new Map<string, CkanPackage>();
  const calls: LocalCkan["calls"] = [];
  const byIdOrName = (key: unknown) => [...packages.values()].find((p) => p.id === key || p.name === key);

  type Answer = [number, Record<string, unknown>];
  const ok = (result: unknown): Answer => [200, { success: true, result }];
  const fail = (status: number, __type: string, extra: Record<string, unknown>): Answer => [
    status,
    { success: false, error: { __type, ...extra } },
  ];
  const validation = (body: Record<string, unknown>): Record<string, string[]> => {
    const errors: Record<string, string[]> = {};
    for (const field of THAI_GDC_REQUIRED)
      if (typeof body[field] !== "string" || (body[field] as string).trim() === "")
        errors[field] = ["Missing value"];
    if (typeof body.name === "string" && !NAME.test(body.name))
      errors.name = ["Must be purely lowercase alphanumeric"];
    if (typeof body.owner_org === "string" && !options.orgs.includes(body.owner_org))
      errors.owner_org = ["Organization does not exist"];
    return errors;
  };

  function act(action: string, body: Record<string, unknown>): Answer {
    switch (action) {
      case "package_show": {
        const pkg = byIdOrName(body.id);
        return pkg ? ok(pkg) : fail(404, "Not Found Error", { message: "Not found" });
      }
      case "package_create": {
        const errors = validation(body);
        if (byIdOrName(body.name)) errors.name = ["That URL is already in use."];
        if (Object.keys(errors).length) return fail(409, "Validation Error", errors);
        const pkg = { ...body, id: randomUUID(), resources: [] } as unknown as CkanPackage;
        packages.set(pkg.id, pkg);
        return ok(pkg);
      }
      case "package_patch": {
        const pkg = byIdOrName(body.id);
        if (!pkg) return fail(404, "Not Found Error", { message: "Not found" });
        const next = { ...pkg, ...body, id: pkg.id, resources: pkg.resources };
        const errors = validation(next);
        if (Object.keys(errors).length) return fail(409, "Validation Error", errors);
        packages.set(pkg.id, next);
        return ok(next);
      }
      case "resource_create": {
        const pkg = byIdOrName(body.package_id);
        if (!pkg) return fail(409, "Validation Error", { package_id: ["Not found: Dataset"] });
        if (typeof body.url !== "string") return fail(409, "Validation Error", { url: ["Missing value"] });
        const resource = { ...body, id: randomUUID(), package_id: pkg.id } as CkanResource;
        pkg.resources.push(resource);
        return ok(resource);
      }
      case "resource_update": {
        for (const pkg of packages.values()) {
          const i = pkg.resources.findIndex((r) => r.id === body.id);
          if (i < 0) continue;
          pkg.resources[i] = { ...body, id: pkg.resources[i]!.id, package_id: pkg.id } as CkanResource;
          return ok(pkg.resources[i]);
        }
        return fail(404, "Not Found Error", { message: "Resource was not found." });
      }
      default:
        return fail(400, "Bad Request", { message: `Unknown action ${action}` });
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const action = /^\/api\/3\/action\/([a-z_]+)$/.exec(req.url ?? "")?.[1] ?? "";
      let answer: Answer;
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
        calls.push({ action, body });
        answer =
          req.method !== "POST"
            ? fail(400, "Bad Request", { message: "POST only" })
            : req.headers.authorization !== options.token
              ? fail(403, "Authorization Error", { message: "Access denied" })
              : act(action, body);
      } catch {
        answer = fail(400, "Bad Request", { message: "Bad request - JSON Error" });
      }
      res.writeHead(answer[0], { "content-type": "application/json;charset=utf-8" });
      res.end(JSON.stringify(answer[1]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    packages,
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
