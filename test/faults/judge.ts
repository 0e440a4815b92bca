import type { IDataObject } from 'n8n-workflow';

import type { Emitted } from '../engine/support';
import { OUTPUT } from '../engine/support';
import type { Corpus, CorpusItem } from './corpus';
import type { Answer, SandboxModel } from './model';

export interface Verdict {
	out: number;
	lost: number;
	duplicated: number;
	misrouted: number;
	/** The first few problems, to say what went wrong when a row fails. */
	problems: string[];
}

interface Context {
	corpus: Corpus;
	model: SandboxModel;
	poisoned: ReadonlySet<string>;
}

function errorCode(json: IDataObject): unknown {
	return (json.error as IDataObject | undefined)?.code;
}

function matchesAnswer(entry: Emitted, answers: Answer[]): boolean {
	return answers.some(
		(answer) =>
			entry.output === OUTPUT[answer.status] &&
			entry.json.status === answer.status &&
			entry.json.webhook_status === answer.webhookStatus,
	);
}

/** Why this output item is not what its own input item should have produced, if it is not. */
function misrouting(entry: Emitted, item: CorpusItem, ctx: Context): string | undefined {
	const { json } = entry;
	const input = json.input as IDataObject | undefined;
	if (input?.row !== entry.item) return `carries the input fields of row ${String(input?.row)}`;
	if (json.input_profile_url !== (item.json.profile_url ?? null)) {
		return `input_profile_url ${JSON.stringify(json.input_profile_url)} is not its own`;
	}
	const expected = item.expect;
	if (expected.kind === 'local') {
		if (entry.output !== OUTPUT.rejected || json.status !== 'rejected') return 'not on Rejected';
		if (errorCode(json) !== expected.code)
			return `code ${String(errorCode(json))}, not ${expected.code}`;
		if (json.profile_url !== null && json.profile_url !== expected.profile)
			return `profile_url ${String(json.profile_url)}`;
		const ownWebhook = expected.webhook ?? item.json.webhook_url ?? null;
		if (json.webhook_url !== null && json.webhook_url !== ownWebhook)
			return `webhook_url ${String(json.webhook_url)}`;
		return undefined;
	}
	if (json.profile_url !== expected.profile)
		return `profile_url ${String(json.profile_url)}, not ${expected.profile}`;
	if (json.webhook_url !== (ctx.corpus.profiles.get(expected.profile) ?? null)) {
		return `webhook_url ${String(json.webhook_url)}`;
	}
	const answers = ctx.model.answers.get(expected.profile) ?? [];
	if (answers.length > 0) {
		return matchesAnswer(entry, answers)
			? undefined
			: `output ${entry.output} ${String(json.status)}/${String(json.webhook_status)}, but the sandbox answered ${JSON.stringify(answers)}`;
	}
	const code = ctx.poisoned.has(expected.profile) ? 'api_rejected' : 'api_error';
	if (entry.output !== OUTPUT.rejected || errorCode(json) !== code) {
		return `output ${entry.output} ${String(errorCode(json) ?? json.status)}, but no answer reached the node (expected ${code})`;
	}
	return undefined;
}

/** Counts lost, duplicated and misrouted items of one run against the corpus and the sandbox model. */
export function judge(emitted: Emitted[], ctx: Context): Verdict {
	const byItem = new Map<number, Emitted[]>();
	for (const entry of emitted) byItem.set(entry.item, [...(byItem.get(entry.item) ?? []), entry]);
	const verdict: Verdict = {
		out: emitted.length,
		lost: 0,
		duplicated: 0,
		misrouted: 0,
		problems: [],
	};
	const note = (problem: string) => {
		if (verdict.problems.length < 10) verdict.problems.push(problem);
	};
	ctx.corpus.items.forEach((item, row) => {
		const entries = byItem.get(row) ?? [];
		if (entries.length === 0) {
			verdict.lost += 1;
			note(`row ${row} (${JSON.stringify(item.json.profile_url)}) is lost`);
		}
		if (entries.length > 1) {
			verdict.duplicated += entries.length - 1;
			note(`row ${row} came out ${entries.length} times`);
		}
		for (const entry of entries) {
			const problem = misrouting(entry, item, ctx);
			if (problem !== undefined) {
				verdict.misrouted += 1;
				note(`row ${row} ${problem}`);
			}
		}
	});
	for (const item of byItem.keys()) {
		if (item < 0 || item >= ctx.corpus.items.length) {
			verdict.misrouted += byItem.get(item)?.length ?? 0;
			note(`an item is paired with input ${item}, which does not exist`);
		}
	}
	return verdict;
}
