import { type Static, Type } from "@sinclair/typebox";

const Clock = Type.String({ pattern: "^([01]\\d|2[0-3]):[0-5]\\d$", description: "HH:MM, local time" });

/** An agency's settings file (`borikan agency init --file agency.json`), validated as JSON Schema. */
export const AgencySettingsSchema = Type.Object(
  {
    id: Type.String({
      pattern: "^[a-z0-9][a-z0-9-]{1,39}$",
      description: "Short slug used in paths: /a/<id>/",
    }),
    nameTh: Type.String({ minLength: 1, maxLength: 300 }),
    nameEn: Type.String({ minLength: 1, maxLength: 300 }),
    domain: Type.String({ pattern: "^[a-z0-9.-]+\\.[a-z]{2,}$" }),
    parentDomain: Type.Optional(Type.String({ pattern: "^[a-z0-9.-]+\\.[a-z]{2,}$" })),
    hostnames: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 20 })),
    centralEmail: Type.String({ minLength: 3, maxLength: 254, description: "CH-2: saraban@<agency domain>" }),
    phones: Type.Array(Type.String({ pattern: "^[0-9+() -]{6,30}$" }), { minItems: 1, maxItems: 10 }),
    timeZone: Type.Optional(Type.String({ default: "Asia/Bangkok" })),
    businessHours: Type.Optional(
      Type.Object({
        weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7 }),
        opening: Clock,
        closing: Clock,
        acknowledgeByNextDay: Type.Optional(Clock),
        closedOnLabourDay: Type.Optional(
          Type.Boolean({
            default: false,
            description:
              "Whether the offices close on National Labour Day, 1 May (a bank and private-sector holiday; government offices normally stay open)",
          }),
        ),
      }),
    ),
    totpRequiredRoles: Type.Optional(
      Type.Array(Type.String(), { description: "Roles that must use a second factor" }),
    ),
    letterCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: "ES-1: the code in the ที่ of letters, e.g. นร 0106",
      }),
    ),
    opdcEmail: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 254,
        description: "LF-5: where copies of delay notices go (OPDC)",
      }),
    ),
    postalAddress: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    videoCallUrl: Type.Optional(
      Type.String({
        minLength: 8,
        maxLength: 300,
        description: "ID-3: the video tool's link, {appointment} replaced per call (https)",
      }),
    ),
    units: Type.Optional(
      Type.Array(
        Type.Object({
          code: Type.String({ minLength: 1, maxLength: 40 }),
          nameTh: Type.String({ minLength: 1 }),
          nameEn: Type.String({ minLength: 1 }),
          phone: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { additionalProperties: false },
);

export type AgencySettings = Static<typeof AgencySettingsSchema>;
