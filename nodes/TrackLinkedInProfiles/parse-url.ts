/**
 * `new URL` inside try/catch rather than `URL.canParse`: on Node 20 the JIT-optimized fast path
 * of `canParse` starts answering false for non-ASCII input after a few thousand calls, which
 * would reject valid Unicode profile ids and IDN webhook hosts in long runs.
 */
export function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}
