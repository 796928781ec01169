import fc from "fast-check";
import { checksum, parse } from "promptparse";
import { describe, expect, it } from "vitest";
import { billPaymentPayload, readBillPayment, thaiQrCrc } from "./thai-qr.js";

describe("Thai QR bill payment", () => {
  it("PY-1: CRC-16/CCITT of 123456789 is 29B1", () => {
    expect(thaiQrCrc("123456789")).toBe("29B1");
  });

  it("PY-1: equals the known-good bill-payment vectors", () => {
    expect(billPaymentPayload({ billerId: "099999999999990", ref1: "111222333444" })).toBe(
      "00020101021130550016A0000006770101120115099999999999990021211122233344453037645802TH63043EE7",
    );
    expect(
      billPaymentPayload({
        billerId: "099400016550100",
        ref1: "123456789012",
        ref2: "670429",
        amountSatang: 364922,
      }),
    ).toBe(
      "00020101021230650016A00000067701011201150994000165501000212123456789012030667042953037645802TH54073649.2263044534",
    );
  });

  it("PY-1: reads back a vector with Ref2 (and Ref3, which Borikan does not write)", () => {
    const vector =
      "00020101021130620016A000000677010112011301122334455660211CUSTOMER0010306INV00153037645802TH62070703SCB6304780E";
    expect(readBillPayment(vector)).toEqual({
      billerId: "0112233445566",
      ref1: "CUSTOMER001",
      ref2: "INV001",
    });
  });

  it("PY-1: a payload with a wrong CRC or another AID is not a bill payment", () => {
    const good = billPaymentPayload({
      billerId: "099999999999990",
      ref1: "69000000012",
      amountSatang: 10000,
    });
    expect(readBillPayment(`${good.slice(0, -4)}0000`)).toBeUndefined();
    expect(
      readBillPayment("00020101021229370016A0000006770101110113006681222333353037645802TH540530.0063043CAD"),
    ).toBeUndefined();
  });

  it("PY-1: every payload parses back to the same fields with a valid CRC (property)", () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    fc.assert(
      fc.property(
        fc.oneof(digits(13), digits(15)),
        digits(11),
        fc.option(digits(6), { nil: undefined }),
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (billerId, ref1, ref2, amountSatang) => {
          const payload = billPaymentPayload({ billerId, ref1, ref2, amountSatang });
          const qr = parse(payload, true, true);
          expect(qr?.validate("63")).toBe(true);
          expect(payload.slice(-4)).toBe(checksum(payload.slice(0, -4), true));
          expect(qr?.getTagValue("01")).toBe("12");
          expect(qr?.getTagValue("53")).toBe("764");
          expect(qr?.getTagValue("58")).toBe("TH");
          expect(readBillPayment(payload)).toEqual({
            billerId,
            ref1,
            ...(ref2 ? { ref2 } : {}),
            amountSatang,
          });
        },
      ),
      { seed: 14, numRuns: 500 },
    );
  });
});
