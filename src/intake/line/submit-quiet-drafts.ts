import { say } from "./handle-line-event.js";
import { listEnabledLineChannels } from "./line.repo.js";
import type { LineChannelRow } from "./line.table.js";
import type { LineApi } from "./line-api.js";
import type { LineIntakeDeps } from "./line-deps.js";
import { draftContents } from "./line-drafts.js";
import { lastItemAt, listOpenDrafts, submitQuietDraft } from "./line-drafts.repo.js";

/**
 * CH-10: a conversation left quiet for the channel's quiet time counts as submitted when that time
 * passed (its receipt time, CH-3); the full name is asked by push (FM-6), sent at most once.
 */
export async function submitQuietDrafts(
  deps: LineIntakeDeps,
  apiFor: (channel: LineChannelRow) => LineApi,
): Promise<void> {
  const db = deps.handle.db;
  const channels = await listEnabledLineChannels(db);
  for (const channel of channels) {
    const quietMs = Number(channel.quiet_minutes) * 60_000;
    for (const draft of await listOpenDrafts(db, channel.agency_id)) {
      const last = await lastItemAt(db, draft.id);
      if (!last) continue;
      const quietSince = new Date(last).getTime() + quietMs;
      if (quietSince > deps.clock.now().getTime()) continue;
      // Only refused files: nothing to submit; the user was told at once to send text or a valid file.
      if ((await draftContents(db, draft.id)).acceptable === 0) continue;
      if (!(await submitQuietDraft(db, draft.id, new Date(quietSince).toISOString()))) continue;
      await apiFor(channel).push(draft.user_id, [say("line.askNameQuiet")], draft.id);
    }
  }
}
