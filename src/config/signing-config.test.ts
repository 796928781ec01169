import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

describe("#14 signer settings", () => {
  it("LC-2: SIGNING_P12_* and TSA_* are read; unset means the demo certificate and B-B", () => {
    expect(loadConfig({}).signing).toEqual({});
    const config = loadConfig({
      SIGNING_P12_FILE: "agency.p12",
      SIGNING_P12_PASSWORD: "pw",
      TSA_URL: "https://tsa.example.go.th/tsa",
      TSA_USER: "borikan",
      TSA_PASSWORD: "x",
    });
    expect(config.signing).toEqual({
      p12File: path.resolve("agency.p12"),
      p12Password: "pw",
      tsa: { url: "https://tsa.example.go.th/tsa", user: "borikan", password: "x" },
    });
  });

  it("LC-2: a TSA_URL that is not http(s), or a TSA_USER without it, is refused naming the setting", () => {
    expect(() => loadConfig({ TSA_URL: "ftp://tsa" })).toThrow(ConfigError);
    expect(() => loadConfig({ TSA_URL: "not a url" })).toThrow(/TSA_URL=not a url/);
    expect(() => loadConfig({ TSA_USER: "u" })).toThrow(/TSA_USER is set without TSA_URL/);
  });
});
