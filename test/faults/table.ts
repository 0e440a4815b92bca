export interface TableRow {
	fault: string;
	settings: string;
	in: number;
	out: number;
	lost: number | string;
	duplicated: number | string;
	misrouted: number | string;
	requests: number;
	retries: number;
	monitors: number;
	elapsedMs: number;
}

const COLUMNS: Array<[keyof TableRow, string]> = [
	['fault', 'fault'],
	['settings', 'settings'],
	['in', 'in'],
	['out', 'out'],
	['lost', 'lost'],
	['duplicated', 'dup'],
	['misrouted', 'misrouted'],
	['requests', 'requests'],
	['retries', 'retries'],
	['monitors', 'monitors'],
	['elapsedMs', 'elapsed'],
];

function cell(row: TableRow, key: keyof TableRow): string {
	return key === 'elapsedMs' ? `${(row.elapsedMs / 1000).toFixed(2)} s` : String(row[key]);
}

/** A Markdown table, so the output can be pasted into an issue or a README as it is. */
export function formatTable(rows: TableRow[]): string {
	const cells = rows.map((row) => COLUMNS.map(([key]) => cell(row, key)));
	const widths = COLUMNS.map(([, title], index) =>
		Math.max(title.length, ...cells.map((line) => line[index].length)),
	);
	const line = (values: string[]) =>
		`| ${values.map((value, index) => value.padEnd(widths[index])).join(' | ')} |`;
	return [
		line(COLUMNS.map(([, title]) => title)),
		line(widths.map((width) => '-'.repeat(width))),
		...cells.map(line),
	].join('\n');
}

export const LEGEND = [
	'settings: p = parallel requests, r = max retries, t = request timeout, cof = continue-on-fail.',
	"requests: bulk requests in the sandbox log. retries: from the node's execution hint, or, when",
	'the node failed, requests that re-sent a profile (sandbox log). monitors: in the sandbox after',
	'the run, including the profiles tracked before it. "-": the node failed, as the row requires.',
].join('\n');
