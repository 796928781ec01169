/**
 * FM-6: where one-time codes go by SMS. Agencies contract different SMS providers; Borikan speaks one
 * small HTTP protocol to a gateway (the provider's own, or an adapter in front of it):
 * `POST <SMS_GATEWAY_URL>` with `Authorization: Bearer <SMS_GATEWAY_TOKEN>` and JSON `{ "to", "text" }`,
 * answered 2xx with JSON `{ "accepted": boolean, "id"?: string }`.
 */
export interface SmsGateway {
  send(to: string, text: string): Promise<{ accepted: boolean; id?: string }>;
}

/** The HTTP gateway of the config; none when SMS_GATEWAY_URL is unset (SMS is then said unavailable). */
export function createSmsGateway(
  config: { url: string; token?: string } | undefined,
): SmsGateway | undefined {
  if (!config) return undefined;
  return {
    async send(to, text) {
      const res = await fetch(config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(config.token && { authorization: `Bearer ${config.token}` }),
        },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) return { accepted: false };
      const body = (await res.json().catch(() => ({}))) as { accepted?: unknown; id?: unknown };
      return {
        accepted: body.accepted === true,
        ...(typeof body.id === "string" && { id: body.id.slice(0, 200) }),
      };
    },
  };
}
