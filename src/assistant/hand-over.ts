/** IF-4: a question longer than this is refused with a reason; the FAQ's own questions are ≤ 500. */
export const MAX_QUESTION = 500;

/**
 * IF-4: the general request form with the question filled in — the hand-over to an officer. Sent from
 * there, the question is registered with a receipt number like any other request (s.10, RG-1).
 */
export const handOverHref = (base: string, question: string) =>
  `${base}/requests?${new URLSearchParams({ subject: question.slice(0, 300), message: question }).toString()}`;
