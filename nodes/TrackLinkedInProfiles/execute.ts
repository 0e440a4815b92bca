import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { checkBaseUrl } from './base-url';
import { apiError, authBlocker, blockerError } from './errors';
import type { Blocker } from './errors';
import { readInputs } from './inputs';
import { planRun } from './plan';
import { buildResults } from './results';
import type { ItemResult } from './results';
import { executePlan } from './run';
import type { RunResult } from './run';
import { readSettings } from './settings';
import type { RunSettings } from './settings';
import { summarize } from './summary';
import { createSender } from './transport';
import type { SenderSettings } from './transport';
import type { Plan } from './types';

function cancellableSleep(ctx: IExecuteFunctions) {
	return async (ms: number): Promise<void> => {
		const signal = ctx.getExecutionCancelSignal();
		const cancelled = () =>
			new NodeOperationError(ctx.getNode(), 'The execution was cancelled while waiting to retry.');
		if (signal?.aborted) throw cancelled();
		if (!signal) return await sleep(ms);
		let onAbort = () => {};
		const aborted = new Promise<never>((_, reject) => {
			onAbort = () => reject(cancelled());
			signal.addEventListener('abort', onAbort, { once: true });
		});
		try {
			await Promise.race([sleep(ms), aborted]);
		} finally {
			signal.removeEventListener('abort', onAbort);
		}
	};
}

/** Credentials and Base URL, checked before any request carries the key. */
async function connect(
	ctx: IExecuteFunctions,
): Promise<Omit<SenderSettings, 'timeoutMs'> | Blocker> {
	let data: ICredentialDataDecryptedObject;
	try {
		data = await ctx.getCredentials('trigifyApi');
	} catch (error) {
		return {
			kind: 'configuration',
			message: 'The node has no usable Trigify API credential.',
			description: `Select or create a Trigify API credential in the node. (${(error as Error).message})`,
		};
	}
	const baseUrl = checkBaseUrl(data.baseUrl);
	if (!baseUrl.ok) return { kind: 'configuration', message: baseUrl.message, description: '' };
	const { id = '', name = '' } = ctx.getNode().credentials?.trigifyApi ?? {};
	return { baseUrl: baseUrl.url, credentials: { id: id ?? '', name, type: 'trigifyApi', data } };
}

async function sendPlan(
	ctx: IExecuteFunctions,
	plan: Plan,
	settings: RunSettings,
	continueOnFail: boolean,
): Promise<{ run: RunResult; blocker?: Blocker }> {
	const connection = await connect(ctx);
	if ('message' in connection) return { run: emptyRun(), blocker: connection };
	const run = await executePlan(plan.batches, {
		send: createSender(ctx, { ...connection, timeoutMs: settings.timeoutMs }),
		sleep: cancellableSleep(ctx),
		random: Math.random,
		now: Date.now,
		policy: settings.policy,
		parallel: settings.parallel,
		stopOnFailure: !continueOnFail,
	});
	return { run, blocker: run.authFailure && authBlocker(run.authFailure) };
}

function emptyRun(): RunResult {
	return { outcomes: new Map(), stats: { requests: 0, retries: 0, credits: 0 } };
}

/** Fails the node the way n8n users expect, unless continue-on-fail asks for items instead. */
function settleFailures(
	ctx: IExecuteFunctions,
	plan: Plan,
	{ outcomes }: RunResult,
	blocker: Blocker | undefined,
	continueOnFail: boolean,
): void {
	if (blocker) {
		if (!continueOnFail)
			throw blockerError(ctx.getNode(), blocker, plan.rows[0]?.itemIndexes[0] ?? 0);
		const message = `${blocker.message} ${blocker.description}`.trim();
		for (const row of plan.rows) {
			if (!outcomes.has(row))
				outcomes.set(row, { kind: 'failed', message, httpCode: blocker.httpCode });
		}
	}
	if (continueOnFail) return;
	const failures = plan.rows.flatMap((row) => {
		const outcome = outcomes.get(row);
		return outcome?.kind === 'failed' ? [{ row, outcome }] : [];
	});
	if (failures.length === 0) return;
	const [{ row, outcome }] = failures;
	const tracked = plan.rows.filter((entry) => outcomes.get(entry)?.kind === 'tracked').length;
	const unsent = plan.rows.filter((entry) => !outcomes.has(entry)).length;
	throw apiError(
		ctx.getNode(),
		`Trigify could not track ${profiles(failures.length)}: ${outcome.message}`,
		`Before the run stopped, ${profiles(tracked)} ${tracked === 1 ? 'was' : 'were'} tracked; ${profiles(unsent)} ${unsent === 1 ? 'was' : 'were'} not sent. ` +
			'Running the workflow again is safe: Trigify updates existing profiles instead of duplicating them. To get the failed items on the Rejected output instead of failing, turn on "Continue On Fail" in the node settings.',
		outcome.httpCode,
		row.itemIndexes[0],
	);
}

function profiles(count: number): string {
	return count === 1 ? '1 profile' : `${count} profiles`;
}

const ROUTES = ['created', 'existing', 'rejected'] as const;

function toOutputs(
	items: INodeExecutionData[],
	results: ItemResult[],
	settings: RunSettings,
): INodeExecutionData[][] {
	const outputs = results.map(({ itemIndex, json }) => ({
		route: json.status,
		item: {
			json: settings.includeInputFields ? { ...json, input: items[itemIndex].json } : { ...json },
			pairedItem: { item: itemIndex },
		} as INodeExecutionData,
	}));
	if (settings.outputMode === 'single') return [outputs.map(({ item }) => item)];
	return ROUTES.map((route) =>
		outputs.filter((output) => output.route === route).map(({ item }) => item),
	);
}

export async function trackProfiles(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const continueOnFail = ctx.continueOnFail();
	const { settings, problem } = readSettings(ctx);
	const { inputs, unreadable } = readInputs(ctx, items, continueOnFail);
	const skipped = new Set(unreadable.map((item) => item.itemIndex));
	const plan = planRun(
		inputs.filter((input) => !skipped.has(input.itemIndex)),
		settings.batchSize,
	);
	plan.rejected.push(...unreadable);

	const { run, blocker } =
		problem || plan.rows.length === 0
			? { run: emptyRun(), blocker: problem }
			: await sendPlan(ctx, plan, settings, continueOnFail);
	settleFailures(ctx, plan, run, blocker, continueOnFail);

	const results = buildResults(inputs, plan, run.outcomes);
	ctx.addExecutionHints({
		message: summarize(results, run.stats),
		type: 'info',
		location: 'outputPane',
	});
	return toOutputs(items, results, settings);
}
