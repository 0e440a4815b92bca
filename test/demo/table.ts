import type { ExecutionItem, ExecutionRun } from '../e2e/runtime/n8n';
import { OUTPUTS, TRACK } from '../e2e/support/workflows';

interface Row {
	/** The input item it came from (pairedItem), i.e. the CRM row's position. */
	item: number;
	json: Record<string, unknown>;
}

const REASON_WIDTH = 100;

function pairedIndex(entry: ExecutionItem): number {
	const paired = entry.pairedItem as { item?: unknown } | undefined;
	return typeof paired?.item === 'number' ? paired.item : -1;
}

/** Every item the Track node emitted, from all of its outputs, in input order. */
export function trackedRows(run: ExecutionRun): Row[] {
	const nodeRun = run.data.resultData.runData[TRACK]?.[0];
	if (!nodeRun?.data) throw new Error(`The node "${TRACK}" produced no output in this run.`);
	return nodeRun.data.main
		.flatMap((items) => items ?? [])
		.map((entry) => ({ item: pairedIndex(entry), json: entry.json }))
		.sort((a, b) => a.item - b.item);
}

function text(value: unknown): string {
	if (value === null || value === undefined) return '-';
	if (value === '') return '(empty)';
	return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The error code and the first clause of its message: enough to fix the row in the CRM. */
function reason(json: Record<string, unknown>): string {
	const error = json.error as { code?: unknown; message?: unknown } | undefined;
	const sentence = String(error?.message ?? '').split(/[.;](?:\s|$)/)[0];
	const full = `${text(error?.code)}: ${sentence}`;
	return full.length > REASON_WIDTH ? `${full.slice(0, REASON_WIDTH - 3)}...` : full;
}

function layOut(header: string[], rows: string[][]): string[] {
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells: string[]) =>
		`  ${cells.map((cell, column) => cell.padEnd(widths[column])).join('  ')}`.trimEnd();
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

/** One table per status, in the order of the node's outputs, then one summary line. */
export function renderTables(rows: Row[]): string[] {
	const lines: string[] = [];
	for (const { status, label } of OUTPUTS) {
		const matching = rows.filter((row) => row.json.status === status);
		lines.push('', `${label}: ${matching.length} ${matching.length === 1 ? 'item' : 'items'}`);
		if (matching.length === 0) continue;
		const last = status === 'rejected' ? 'Reason' : 'Webhook';
		const cells = matching.map(({ item, json }) => [
			String(item),
			text(json.profile_url),
			text(json.input_profile_url),
			status === 'rejected' ? reason(json) : text(json.webhook_status),
		]);
		lines.push(...layOut(['Row', 'Profile (canonical)', 'Input URL', last], cells));
	}
	const count = (status: string) => rows.filter((row) => row.json.status === status).length;
	lines.push(
		'',
		`Summary: ${rows.length} rows: ${count('created')} created, ${count('existing')} existing, ` +
			`${count('rejected')} rejected.`,
	);
	return lines;
}

/** The execution hint the node adds: its own one-line account, requests and credits included. */
export function nodeHints(run: ExecutionRun): string[] {
	const nodeRun = run.data.resultData.runData[TRACK]?.[0] as
		| { hints?: Array<{ message?: unknown }> }
		| undefined;
	return (nodeRun?.hints ?? []).map((hint) => String(hint.message));
}
