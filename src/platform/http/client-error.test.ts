import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDialects } from "../../../test/db.js";
import { startTestService, type TestService } from "../../../test/service.js";

/** Sends raw bytes to the listening service and reads everything it answers before closing. */
function rawRequest(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => reject(new Error("no answer")));
  });
}

// Found by the probe of the running service: these got Node's default "Client Error" without our headers.
describe.each(testDialects())("requests Node cannot parse, on %s", (dialect) => {
  let service: TestService;
  let port: number;
  beforeAll(async () => {
    service = await startTestService(dialect);
    await service.app.listen({ host: "127.0.0.1", port: 0 });
    port = (service.app.server.address() as net.AddressInfo).port;
  });
  afterAll(() => service.stop());

  it.each([
    [
      "Content-Length beside Transfer-Encoding",
      "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ],
    ["a broken chunk", "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"],
  ])("SC-1: %s is a 400 in our error shape, with the security headers", async (_, rest) => {
    const answer = await rawRequest(port, `POST /api/v1/requests HTTP/1.1\r\nHost: x\r\n${rest}`);
    const [head = "", body = ""] = answer.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-security-policy: [^\r]*frame-ancestors 'none'/i);
    expect(head).toMatch(/x-content-type-options: nosniff/i);
    expect(head).toMatch(/referrer-policy: no-referrer/i);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "BODY_INVALID" } });
    // The service goes on answering.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });
});
