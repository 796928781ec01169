import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local SMS gateway speaking Borikan's SMS protocol (src/forms/sms-gateway.ts): keeps each message it
 * accepts; `refuseNext` makes it answer `{ accepted: false }` once. Checks the bearer token.
 */
export async function startSmsGateway(token = "sms-test-token") {
  const messages: { to: string; text: string }[] = [];
  let refuse = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST" || req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to: string; text: string };
      res.writeHead(200, { "content-type": "application/json" });
      if (refuse) {
        refuse = false;
        res.end(JSON.stringify({ accepted: false }));
        return;
      }
      messages.push(body);
      res.end(JSON.stringify({ accepted: true, id: `sms-${messages.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    token,
    messages,
    refuseNext: () => {
      refuse = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
