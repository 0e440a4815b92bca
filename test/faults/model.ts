import type { FaultInput, RequestLogEntry } from '../sandbox';

export interface Answer {
	status: 'created' | 'existing';
	webhookStatus: 'created' | 'updated' | 'unchanged' | 'none';
}

/** What one logged request did: stored its profiles or not, and how many rows reached the node. */
interface Effect {
	processed: boolean;
	/** The first `delivered` profiles of the request came back in an answer the node could read. */
	delivered: number;
}

/**
 * The sandbox's documented behaviour under each fault (test/sandbox/README.md), applied to one
 * logged request. A request is logged when it finishes, so the log is in processing order.
 */
function effectOf(
	entry: RequestLogEntry,
	fault: FaultInput | undefined,
	timeoutMs: number,
): Effect {
	const count = entry.profile_urls.length;
	if (entry.fault === null)
		return { processed: entry.status === 201, delivered: entry.status === 201 ? count : 0 };
	switch (fault?.kind) {
		case 'drop':
			if (fault.phase === 'after-processing') return { processed: true, delivered: 0 };
			return { processed: entry.status === 201, delivered: 0 };
		case 'malformed-json':
			return { processed: true, delivered: 0 };
		case 'missing-rows':
			return { processed: true, delivered: Math.max(0, count - (fault.rows ?? 1)) };
		case 'latency':
			return { processed: true, delivered: fault.latency_ms < timeoutMs ? count : 0 };
		case 'reorder':
		case 'url-variant':
			return { processed: true, delivered: count };
		default:
			return { processed: false, delivered: 0 };
	}
}

export interface SandboxModel {
	/** Answers that reached the node, per canonical profile; usually exactly one. */
	answers: Map<string, Answer[]>;
	/** Profiles the sandbox stored during the run, whether or not the node heard about it. */
	processed: Set<string>;
}

/**
 * Replays the request log: a profile is `created` in the first request that stores it (unless it
 * was tracked before the run) and `existing` after; its webhook is `created` the first time it is
 * set and `unchanged` after (profiles tracked before the run had none).
 */
export function replay(
	log: RequestLogEntry[],
	webhooks: ReadonlyMap<string, string | null>,
	preTracked: readonly string[],
	fault: FaultInput | undefined,
	timeoutMs: number,
): SandboxModel {
	const known = new Set(preTracked);
	const processed = new Set<string>();
	const answers = new Map<string, Answer[]>();
	for (const entry of log) {
		const { processed: stored, delivered } = effectOf(entry, fault, timeoutMs);
		if (!stored) continue;
		entry.profile_urls.forEach((url, index) => {
			if (typeof url !== 'string') return;
			const answer: Answer = {
				status: known.has(url) ? 'existing' : 'created',
				webhookStatus:
					(webhooks.get(url) ?? null) === null
						? 'none'
						: processed.has(url)
							? 'unchanged'
							: 'created',
			};
			known.add(url);
			processed.add(url);
			if (index < delivered) answers.set(url, [...(answers.get(url) ?? []), answer]);
		});
	}
	return { answers, processed };
}

/**
 * When the request log is gone (the sandbox was restarted), any truthful answer is accepted:
 * created or existing, with the webhook created, unchanged or, without one, none.
 */
export function anyTruthfulAnswer(webhooks: ReadonlyMap<string, string | null>): SandboxModel {
	const answers = new Map<string, Answer[]>();
	for (const [url, webhook] of webhooks) {
		const hooks: Answer['webhookStatus'][] = webhook === null ? ['none'] : ['created', 'unchanged'];
		answers.set(
			url,
			(['created', 'existing'] as const).flatMap((status) =>
				hooks.map((webhookStatus) => ({ status, webhookStatus })),
			),
		);
	}
	return { answers, processed: new Set(webhooks.keys()) };
}

/** The answers a run must get from a sandbox that holds `monitors` when it starts. */
export function answersFrom(
	monitors: ReadonlyArray<{ profile_url: string; webhook_url: string | null }>,
	webhooks: ReadonlyMap<string, string | null>,
): SandboxModel {
	const held = new Map(monitors.map((monitor) => [monitor.profile_url, monitor.webhook_url]));
	const answers = new Map<string, Answer[]>();
	for (const [url, webhook] of webhooks) {
		const current = held.get(url) ?? null;
		const webhookStatus: Answer['webhookStatus'] =
			webhook === null
				? 'none'
				: current === null
					? 'created'
					: current === webhook
						? 'unchanged'
						: 'updated';
		answers.set(url, [{ status: held.has(url) ? 'existing' : 'created', webhookStatus }]);
	}
	return { answers, processed: new Set(webhooks.keys()) };
}
