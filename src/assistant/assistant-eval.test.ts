import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plantEvalCorpus } from "../../test/assistant-corpus.js";
import { ANSWERABLE, halfOf, UNANSWERABLE } from "../../test/assistant-questions.js";
import { testDialects } from "../../test/db.js";
import { startTestService, type TestService } from "../../test/service.js";
import { fixedClock } from "../platform/clock.js";
import { answerQuestion, rankSources } from "./answer-question.js";

const clock = fixedClock("2026-12-07T03:00:00.000Z");
const langOf = (q: string) => (/[ก-๙]/.test(q) ? "th" : "en");

/** IF-4's measure: top-3 source hit rate on answerable questions, "I don't know" on the rest, per half. */
describe.each(testDialects())("the assistant's question set on %s", (dialect) => {
  let service: TestService;
  let ids: Map<string, string>;
  beforeAll(async () => {
    service = await startTestService(dialect, { clock });
    ids = await plantEvalCorpus(service);
  }, 240_000);
  afterAll(async () => {
    await service?.stop();
  });

  it("IF-4: finds a labelled source in the top 3 for ≥ 80% of answerable questions and says it does not know on ≥ 21 of 24 unanswerable ones", async () => {
    const db = service.handle.db;
    // What a miss looks like: the best three and where the labelled source ranked, with scores.
    const explain = async (question: string, wanted: (string | undefined)[]) => {
      const ranked = await rankSources(db, { agencyId: "demo", question, lang: langOf(question) });
      const place = ranked.findIndex((s) =>
        wanted.includes(s.source.kind === "manual" ? s.source.url.split("/").at(-1) : s.source.id),
      );
      const top = ranked
        .slice(0, 3)
        .map((s) => `${s.source.title.slice(0, 30)} ${s.source.score.toFixed(2)}/${s.topic.toFixed(2)}`);
      return `${top.join(" | ")} ; labelled at ${place} ${ranked[place]?.source.score.toFixed(2) ?? ""}/${ranked[place]?.topic.toFixed(2) ?? ""}`;
    };
    const hits: { tune: [number, number]; held: [number, number] } = { tune: [0, 0], held: [0, 0] };
    const unknown: { tune: [number, number]; held: [number, number] } = { tune: [0, 0], held: [0, 0] };
    const misses: string[] = [];
    for (const [i, [question, labels]] of ANSWERABLE.entries()) {
      const answer = await answerQuestion(db, { agencyId: "demo", question, lang: langOf(question) });
      const wanted = labels.map((l) => (l.startsWith("manual:") ? l.slice(7) : ids.get(l)));
      const found = answer.sources.some((s) =>
        wanted.includes(s.kind === "manual" ? s.url.split("/").at(-1) : s.id),
      );
      // Every answer links a source with a public path.
      if (answer.kind === "answer") expect(answer.sources[0]?.url).toMatch(/^\/(faq|services|webboard)\//);
      hits[halfOf(i)][0] += found ? 1 : 0;
      hits[halfOf(i)][1] += 1;
      if (!found || process.env.ASSISTANT_EVAL_VERBOSE)
        misses.push(
          `${found ? "hit" : "miss"} ${halfOf(i)}: ${question} → ${await explain(question, wanted)}`,
        );
    }
    for (const [i, question] of UNANSWERABLE.entries()) {
      const answer = await answerQuestion(db, { agencyId: "demo", question, lang: langOf(question) });
      unknown[halfOf(i)][0] += answer.kind === "unknown" ? 1 : 0;
      unknown[halfOf(i)][1] += 1;
      if (answer.kind !== "unknown" || process.env.ASSISTANT_EVAL_VERBOSE)
        misses.push(`${answer.kind} ${halfOf(i)}: ${question} → ${await explain(question, [])}`);
    }
    const rate = ([a, b]: number[]) => `${a}/${b} (${Math.round((100 * a!) / b!)}%)`;
    console.log(
      [
        `${dialect}: top-3 hit rate tune ${rate(hits.tune)}, held-out ${rate(hits.held)};`,
        `"I don't know" tune ${rate(unknown.tune)}, held-out ${rate(unknown.held)}`,
        ...misses,
      ].join("\n"),
    );
    const answerable = (hits.tune[0]! + hits.held[0]!) / ANSWERABLE.length;
    const refused = (unknown.tune[0]! + unknown.held[0]!) / UNANSWERABLE.length;
    expect(ANSWERABLE.length).toBeGreaterThanOrEqual(60);
    expect(UNANSWERABLE.length).toBeGreaterThanOrEqual(20);
    expect(answerable).toBeGreaterThanOrEqual(0.8);
    // The 80% floor holds on each half, not only on the whole.
    expect(hits.tune[0]! / hits.tune[1]!).toBeGreaterThanOrEqual(0.8);
    expect(hits.held[0]! / hits.held[1]!).toBeGreaterThanOrEqual(0.8);
    // Measured 21/24 (tune 12/12, held-out 9/12; docs/assistant.md): a floor against regressions.
    expect(refused).toBeGreaterThanOrEqual(21 / 24);
  }, 120_000);
});
