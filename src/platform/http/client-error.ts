import type { Socket } from "node:net";
import { t } from "../i18n/index.js";
import { PAGE_HEADERS } from "./security-headers.js";

/** What Node's HTTP parser refuses, as the status Fastify's own handler would give it. */
function statusOf(code: string | undefined): { status: number; reason: string; detail: string } {
  if (code === "ERR_HTTP_REQUEST_TIMEOUT")
    return { status: 408, reason: "Request Timeout", detail: "the request took too long" };
  if (code === "HPE_HEADER_OVERFLOW")
    return { status: 431, reason: "Request Header Fields Too Large", detail: "headers too large" };
  return { status: 400, reason: "Bad Request", detail: "not valid HTTP" };
}

/**
 * A request Node cannot parse (a broken chunk, Content-Length beside Transfer-Encoding, headers too
 * large) never reaches Fastify's hooks: it is answered here in our error shape, with the security
 * headers every other answer carries (SC-1), and the connection is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, reason, detail } = statusOf(error.code);
  const message = `${t("th", "error.BODY_INVALID", { detail })} / ${t("en", "error.BODY_INVALID", { detail })}`;
  const body = JSON.stringify({ error: { code: "BODY_INVALID", message } });
  const headers = {
    ...PAGE_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head.join("")}\r\n${body}`);
}
