/** A keyset position (a time and an id) as an opaque link parameter, and back. */
export interface KeysetCursor {
  at: string;
  id: string;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|([0-9a-f-]{36})$/;

export const encodeCursor = (c: KeysetCursor) => Buffer.from(`${c.at}|${c.id}`).toString("base64url");

/** A cursor from a link, or undefined when it is not one we made. */
export function decodeCursor(text: string): KeysetCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  const match = CURSOR.exec(Buffer.from(text, "base64url").toString("utf8"));
  return match ? { at: match[1]!, id: match[2]! } : undefined;
}
