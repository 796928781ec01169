import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { TimeStampReq } from "pkijs";
import { buildSignedData } from "../src/platform/pdf/cms-signed-data.js";
import { generalizedTime, integer, OID, octets, oid, seq, unsigned } from "../src/platform/pdf/der.js";
import { keyObjectSigningKey } from "../src/platform/pdf/signing-key.js";
import { keyPem, makeRootCa, makeTsaCertificate, type TestCertificate } from "./signed-pdf.js";

/** How the local TSA answers: properly, or in one of the ways a TSA fails. */
export type TsaMode = "ok" | "garbage" | "refuse" | "wrong-nonce" | "wrong-imprint" | "http-500" | "silent";

export interface LocalTsa {
  url: string;
  root: TestCertificate;
  certificate: TestCertificate;
  mode: TsaMode;
  /** Requests received (each one counted, whatever the mode). */
  requests: number;
  /** When set, requests must carry this basic-auth user:password or get 401. */
  basicAuth?: string;
  close(): Promise<void>;
}

const TSA_POLICY = "1.3.6.1.4.1.99999.1.1";

/**
 * A time-stamp authority on 127.0.0.1 speaking RFC 3161 over HTTP: it reads the TimeStampReq, answers a
 * TimeStampResp whose token is a SignedData over a TSTInfo (its certificate included when asked), signed
 * by its own certificate (extended key usage timeStamping, critical) under its own test root.
 */
export async function startLocalTsa(options: { root?: TestCertificate } = {}): Promise<LocalTsa> {
  const root = options.root ?? makeRootCa("Borikan Test TSA Root");
  const certificate = makeTsaCertificate(root);
  const key = keyObjectSigningKey(keyPem(certificate), [certificate.der, root.der]);
  let serial = 1;
  const answer = async (body: Buffer, tsa: LocalTsa): Promise<Buffer> => {
    const req = TimeStampReq.fromBER(body);
    if (tsa.mode === "refuse") return seq(seq(integer(2)));
    const nonce =
      tsa.mode === "wrong-nonce"
        ? unsigned(randomBytes(8))
        : req.nonce
          ? Buffer.from(req.nonce.toBER())
          : Buffer.alloc(0);
    const tstInfo = seq(
      integer(1),
      oid(TSA_POLICY),
      tsa.mode === "wrong-imprint"
        ? seq(seq(oid(OID.sha256)), octets(createHash("sha256").update("other data").digest()))
        : Buffer.from(req.messageImprint.toSchema().toBER()),
      integer(serial++),
      generalizedTime(new Date()),
      nonce,
    );
    const token = await buildSignedData({
      key: req.certReq ? key : { ...key, certificateChain: key.certificateChain.slice(0, 1), sign: key.sign },
      contentType: OID.tstInfo,
      content: tstInfo,
      encapsulate: true,
    });
    return seq(seq(integer(0)), token);
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      tsa.requests++;
      if (tsa.mode === "silent") return; // never answers: the client's timeout must fire
      if (
        tsa.basicAuth &&
        request.headers.authorization !== `Basic ${Buffer.from(tsa.basicAuth).toString("base64")}`
      ) {
        response.writeHead(401).end();
        return;
      }
      if (tsa.mode === "http-500") return void response.writeHead(500).end();
      if (tsa.mode === "garbage") return void response.writeHead(200).end("this is not DER at all");
      answer(Buffer.concat(chunks), tsa).then(
        (der) => response.writeHead(200, { "content-type": "application/timestamp-reply" }).end(der),
        () => response.writeHead(400).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    root,
    certificate,
    mode: "ok",
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return tsa;
}
