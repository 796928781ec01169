import type {} from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type Lang, pickLang } from "../i18n/index.js";

/**
 * What the platform needs to know of the agency a request is for (the page bar, error pages). The
 * agencies capability widens it to its whole `Agency` when it resolves one.
 */
export interface RequestAgency {
  id: string;
  nameTh: string;
  nameEn: string;
}

declare module "fastify" {
  interface FastifyRequest {
    agency: RequestAgency;
    lang: Lang;
    /** `/a/<agency>` when the agency came from the path, "" when from the host. */
    basePath: string;
  }
}

/**
 * The request's language: `?lang=` (remembered in a cookie for pages), else the cookie for pages, else
 * Accept-Language for the API. Thai unless asked otherwise.
 */
export async function resolveLanguage(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const query = request.query as { lang?: string } | undefined;
  const fromQuery = query?.lang === "th" || query?.lang === "en" ? query.lang : undefined;
  if (fromQuery)
    reply.setCookie("lang", fromQuery, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31_536_000 });
  const isApi = request.url.includes("/api/");
  request.lang = isApi
    ? pickLang(fromQuery, request.headers["accept-language"])
    : pickLang(fromQuery ?? request.cookies.lang);
}
