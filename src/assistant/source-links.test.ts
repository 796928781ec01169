import { describe, expect, it } from "vitest";
import { absoluteSourceUrl, agencySiteBase } from "./source-links.js";

describe("the assistant's source links outside the site", () => {
  const install = "https://borikan.example/";

  it("IF-4: without an origin of its own, a source opens on the install's address under the agency's path", () => {
    const base = agencySiteBase({ id: "demo", licenceOrigin: null }, "demo", install);
    expect(absoluteSourceUrl(base, "/faq/F1")).toBe("https://borikan.example/a/demo/faq/F1");
    expect(agencySiteBase(undefined, "demo", install)).toBe("https://borikan.example/a/demo");
  });

  it("IF-4: the agency's own public origin is preferred and serves its site at the root", () => {
    const base = agencySiteBase({ id: "bkk", licenceOrigin: "https://eservice.bkk.go.th" }, "bkk", install);
    expect(absoluteSourceUrl(base, "/services/food-shop-licence")).toBe(
      "https://eservice.bkk.go.th/services/food-shop-licence",
    );
  });

  it("IF-4: a loopback origin or the install's own address keeps the agency's path; one that does not parse is ignored", () => {
    expect(agencySiteBase({ id: "demo", licenceOrigin: "http://localhost:3000" }, "demo", install)).toBe(
      "http://localhost:3000/a/demo",
    );
    expect(agencySiteBase({ id: "demo", licenceOrigin: "https://borikan.example" }, "demo", install)).toBe(
      "https://borikan.example/a/demo",
    );
    expect(agencySiteBase({ id: "demo", licenceOrigin: "not a url" }, "demo", install)).toBe(
      "https://borikan.example/a/demo",
    );
    expect(agencySiteBase({ id: "demo", licenceOrigin: "ftp://x.go.th" }, "demo", install)).toBe(
      "https://borikan.example/a/demo",
    );
  });

  it("IF-4: an absolute source URL is kept as it is", () => {
    expect(absoluteSourceUrl("https://a.go.th", "https://b.go.th/x")).toBe("https://b.go.th/x");
    expect(absoluteSourceUrl("https://a.go.th", "faq/1")).toBe("https://a.go.th/faq/1");
  });
});
