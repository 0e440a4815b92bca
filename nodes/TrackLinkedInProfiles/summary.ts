import type { RunStats } from './batch';
import type { ItemResult } from './results';

function count(n: number, one: string, many: string): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** A one-line account of the run for the execution hint: what happened, and what it cost. */
export function summarize(results: ItemResult[], stats: RunStats): string {
	const routes = { created: 0, existing: 0, rejected: 0 };
	const codes = new Map<string, number>();
	for (const { json } of results) {
		routes[json.status] += 1;
		if (json.error) codes.set(json.error.code, (codes.get(json.error.code) ?? 0) + 1);
	}
	const reasons = [...codes].map(([code, count]) => `${count} ${code}`).join(', ');
	return (
		`Trigify: ${routes.created} created, ${routes.existing} existing, ${routes.rejected} rejected` +
		(reasons ? ` (${reasons})` : '') +
		`; ${count(stats.requests, 'request', 'requests')}, ${count(stats.retries, 'retry', 'retries')}` +
		`, ${count(stats.credits, 'credit', 'credits')} spent.`
	);
}
