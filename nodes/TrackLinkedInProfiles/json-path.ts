// `={{ $json.profile_url }}`, `={{ $json.contact.linkedin }}`, `={{ $json["LinkedIn URL"] }}`.
const PLAIN_JSON_PATH =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^'\\]*'|"[^"\\]*")\s*\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)")\s*\]/g;

/** The property path of an expression that only reads the current item, or undefined. */
export function plainJsonPath(raw: unknown): string[] | undefined {
	if (typeof raw !== 'string') return undefined;
	const match = PLAIN_JSON_PATH.exec(raw);
	if (match === null) return undefined;
	return [...match[1].matchAll(SEGMENT)].map((segment) => segment[1] ?? segment[2] ?? segment[3]);
}

export type PathValue = { found: true; value: unknown } | { found: false };

/**
 * Reads a path the way n8n's evaluator resolves it for plain JSON: own properties only, and a
 * missing step gives undefined. Only primitives count as found, so an object or list is left to
 * the evaluator, which hands the node its own copy.
 */
export function readJsonPath(json: unknown, path: string[]): PathValue {
	let current: unknown = json;
	for (const key of path) {
		if (
			typeof current !== 'object' ||
			current === null ||
			!Object.prototype.hasOwnProperty.call(current, key)
		) {
			return { found: true, value: undefined };
		}
		current = (current as Record<string, unknown>)[key];
	}
	return typeof current === 'object' && current !== null
		? { found: false }
		: { found: true, value: current };
}
