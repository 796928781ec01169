/** A urlencoded form as @fastify/formbody parses it: a repeated field (checkboxes) becomes an array. */
export type Form = Record<string, string | string[] | undefined>;

/** One field's value ("" when absent; the first when repeated). */
export const formString = (v: string | string[] | undefined): string =>
  Array.isArray(v) ? (v[0] ?? "") : (v ?? "");

/** A field that may repeat, as a list. */
export const formList = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);
