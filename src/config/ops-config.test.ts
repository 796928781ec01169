import { describe, expect, it } from "vitest";
import { addressMatcher } from "../platform/http/ops-access.js";
import { ConfigError, loadConfig } from "./index.js";

describe("the operators' settings (OPS_ALLOW_FROM, OPS_TOKEN_ENV, HEARTBEAT_SECONDS)", () => {
  it("default to loopback only, no token, a 5-second heartbeat", () => {
    expect(loadConfig({}).ops).toEqual({ allowFrom: ["127.0.0.1/32", "::1/128"], token: undefined });
    expect(loadConfig({}).heartbeatMs).toBe(5000);
  });

  it("take a list of addresses and CIDRs, and the token from the variable named", () => {
    const env = {
      OPS_ALLOW_FROM: "10.0.0.0/8, 192.0.2.7,fd00::/8",
      OPS_TOKEN_ENV: "T",
      T: "0123456789abcdef",
    };
    expect(loadConfig(env).ops).toMatchObject({
      allowFrom: ["10.0.0.0/8", "192.0.2.7", "fd00::/8"],
      token: "0123456789abcdef",
    });
    const allowed = addressMatcher(loadConfig(env).ops.allowFrom);
    expect(["10.200.1.1", "::ffff:10.0.0.1", "192.0.2.7", "fd12::1"].map(allowed)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["11.0.0.1", "192.0.2.8", "127.0.0.1", "::1", "not an ip", ""].map(allowed)).toEqual(
      Array(6).fill(false),
    );
  });

  it("refuse a list that does not parse, a short or missing token, a heartbeat out of range", () => {
    for (const env of [
      { OPS_ALLOW_FROM: "10.0.0.0/33" },
      { OPS_ALLOW_FROM: "loopback" },
      { OPS_ALLOW_FROM: "example.go.th" },
      { OPS_TOKEN_ENV: "MISSING_TOKEN" },
      { OPS_TOKEN_ENV: "T", T: "short" },
      { HEARTBEAT_SECONDS: "0" },
    ])
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
  });
});
