/** ID-7: a data or index key, kept only wrapped by the configured master key (see key-ring.ts). */
export interface DataKeysTable {
  id: string;
  purpose: "data" | "index";
  /** Which master key wrapped it (masterKeyId), so a wrong key is named, not guessed. */
  kek_id: string;
  wrapped: string;
  created_at: string;
  /** A data key no longer used to seal (it still opens what it sealed). */
  retired_at: string | null;
}
