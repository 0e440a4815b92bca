const MAX_QUOTED_LENGTH = 80;

// Everything before the last @ of the authority: `user:password@` in `https://user:password@host/`.
const USER_INFO = /^((?:[a-z][a-z\d+.-]*:)?\/*)[^/?#]*@/i;

/**
 * Quotes user input for a message: short enough that a pasted document cannot flood the UI, and
 * with any user:password of a URL hidden, since messages end up in execution data and logs.
 */
export function quote(value: string): string {
	const shown = value.replace(USER_INFO, '$1…@');
	const short =
		shown.length > MAX_QUOTED_LENGTH ? `${shown.slice(0, MAX_QUOTED_LENGTH - 1)}…` : shown;
	return `"${short}"`;
}

/** Names a non-string value the way a workflow author thinks of it: "a list", "a number (12)". */
export function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'number' || typeof value === 'boolean')
		return `a ${typeof value} (${value})`;
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Whitespace inside a URL or control characters are never part of a real link. */
export function hasSpaceOrControl(value: string): boolean {
	return /[\s\p{Cc}]/u.test(value);
}
