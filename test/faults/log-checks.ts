import type { OrgMonitor, RequestLogEntry } from '../sandbox';

/**
 * Profiles sent again after an answer that retrying cannot change: anything after a 401 or 403,
 * and after a 400 the rows it named (the poisoned profile).
 */
export function retriedAfterRefusal(
	log: RequestLogEntry[],
	poisoned: string | undefined,
): string[] {
	const problems: string[] = [];
	log.forEach((entry, index) => {
		const refused =
			entry.status === 401 || entry.status === 403
				? entry.profile_urls
				: entry.status === 400 && poisoned !== undefined && entry.profile_urls.includes(poisoned)
					? [poisoned]
					: [];
		for (const later of log.slice(index + 1)) {
			const again = refused.filter((url) => later.profile_urls.includes(url));
			if (again.length > 0) {
				problems.push(
					`request ${later.id} re-sent ${again.length} profile(s) refused with ${entry.status} by request ${entry.id}`,
				);
			}
		}
	});
	return problems;
}

/** Requests that carried at least one profile an earlier request had already carried. */
export function resendingRequests(log: RequestLogEntry[]): number {
	const seen = new Set<unknown>();
	let count = 0;
	for (const entry of log) {
		if (entry.profile_urls.some((url) => seen.has(url))) count += 1;
		entry.profile_urls.forEach((url) => seen.add(url));
	}
	return count;
}

/** Monitors the sandbox holds, compared with the ones it should: one per profile, no more. */
export function monitorProblems(monitors: OrgMonitor[], expected: Iterable<string>): string[] {
	const urls = monitors.map((monitor) => monitor.profile_url);
	const unique = new Set(urls);
	const wanted = new Set(expected);
	const problems: string[] = [];
	if (unique.size !== urls.length)
		problems.push(`${urls.length - unique.size} duplicate monitor(s)`);
	const missing = [...wanted].filter((url) => !unique.has(url));
	const extra = [...unique].filter((url) => !wanted.has(url));
	if (missing.length > 0) problems.push(`${missing.length} monitor(s) missing, e.g. ${missing[0]}`);
	if (extra.length > 0) problems.push(`${extra.length} unexpected monitor(s), e.g. ${extra[0]}`);
	return problems;
}
