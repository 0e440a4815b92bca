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
function describeValue(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	if (typeof value === 'number' || typeof value === 'boolean')
		return `a ${typeof value} (${value})`;
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Whitespace inside a URL or control characters are never part of a real link. */
function hasSpaceOrControl(value: string): boolean {
	return /[\s\p{Cc}]/u.test(value);
}

export type UrlText =
	| { state: 'absent' }
	| { state: 'text'; text: string }
	| { state: 'invalid'; problem: string };

/**
 * The first checks every URL field shares: given at all, text, not too long, no spaces. Empty or
 * blank counts as not given; what that means is up to the field.
 */
export function readUrlText(input: unknown, label: string, maxLength: number): UrlText {
	if (input === undefined || input === null) return { state: 'absent' };
	if (typeof input !== 'string') {
		return {
			state: 'invalid',
			problem: `The ${label} must be text, but ${describeValue(input)} was given.`,
		};
	}
	const text = input.trim();
	if (text === '') return { state: 'absent' };
	if (text.length > maxLength) {
		return {
			state: 'invalid',
			problem: `The ${label} is ${text.length} characters long, more than the ${maxLength} accepted.`,
		};
	}
	if (hasSpaceOrControl(text)) {
		return {
			state: 'invalid',
			problem: `The ${label} ${quote(text)} contains spaces or control characters.`,
		};
	}
	return { state: 'text', text };
}
