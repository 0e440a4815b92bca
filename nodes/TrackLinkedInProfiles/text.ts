const MAX_QUOTED_LENGTH = 80;

/** Quotes user input for a message, short enough that a pasted document cannot flood the UI. */
export function quote(value: string): string {
	const short =
		value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH - 1)}…` : value;
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
