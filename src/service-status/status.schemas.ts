import { Type } from "@sinclair/typebox";

const State = Type.Union([
  Type.Literal("ok"),
  Type.Literal("information"),
  Type.Literal("degraded"),
  Type.Literal("downtime-planned"),
  Type.Literal("downtime"),
]);

/** WS-4: `/status.json`, for the API docs and the serializer (nothing beyond these fields goes out). */
export const StatusDocument = Type.Object({
  agency: Type.String({ description: "The agency's id" }),
  generatedAt: Type.String({ format: "date-time" }),
  status: Type.Union([State], { description: "The gravest notice shown now; `ok` when none" }),
  notices: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.Union([Type.Literal("information"), Type.Literal("degraded"), Type.Literal("downtime")]),
      state: Type.Union([Type.Literal("current"), Type.Literal("upcoming")], {
        description: "`upcoming`: a planned downtime announced (24–48 hours ahead) and not yet begun",
      }),
      startsAt: Type.String({ format: "date-time" }),
      endsAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
      emergency: Type.Boolean({ description: "A downtime announced less than 24 hours ahead" }),
      text: Type.Object(
        { th: Type.String(), en: Type.String() },
        { description: "The banner's sentence, times in Thai time (Buddhist-era dates in Thai)" },
      ),
    }),
  ),
});
