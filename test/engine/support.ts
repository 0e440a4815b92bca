import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import type { Sandbox, SandboxOptions } from '../sandbox';
import type { RunOutput, TrigifyCredentials } from './harness';

/** One sandbox per test file, reset between tests, rate limit off unless a test turns it on. */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox } {
	const holder: { sandbox?: Sandbox } = {};
	beforeAll(async () => {
		holder.sandbox = await startSandbox({ rateLimit: false, ...options });
	});
	beforeEach(async () => {
		await holder.sandbox?.admin.reset();
	});
	afterAll(async () => {
		await holder.sandbox?.close();
	});
	return {
		get sandbox() {
			if (holder.sandbox === undefined) throw new Error('The sandbox is not running');
			return holder.sandbox;
		},
	};
}

export function credentials(sandbox: Sandbox, apiKey: string = sandbox.apiKey): TrigifyCredentials {
	return { apiKey, baseUrl: sandbox.url };
}

export interface Emitted {
	output: number;
	item: number;
	json: IDataObject;
}

/** Every output item with the output it came out of and the input item it is paired with. */
export function emitted(result: RunOutput): Emitted[] {
	return result.outputs.flatMap((items, output) =>
		items.map((entry: INodeExecutionData) => {
			const paired = entry.pairedItem;
			if (typeof paired !== 'object' || Array.isArray(paired) || paired === null) {
				throw new Error(`Output item without a single pairedItem: ${JSON.stringify(entry)}`);
			}
			return { output, item: paired.item, json: entry.json };
		}),
	);
}

/** N items in, N items out: each input index exactly once. Returns them by input index. */
export function oneEach(result: RunOutput, inputCount: number): Emitted[] {
	const all = emitted(result);
	expect(all.map((entry) => entry.item).sort((a, b) => a - b)).toEqual(
		Array.from({ length: inputCount }, (_, n) => n),
	);
	return [...all].sort((a, b) => a.item - b.item);
}

export const OUTPUT = { created: 0, existing: 1, rejected: 2 } as const;

export function profile(id: string): string {
	return `https://www.linkedin.com/in/${id}`;
}

/** Tracks profiles directly through the API, as an earlier workflow run would have. */
export async function preTrack(sandbox: Sandbox, urls: string[]): Promise<void> {
	for (let start = 0; start < urls.length; start += 100) {
		const response = await fetch(`${sandbox.url}/v1/profile/engagement/bulk`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': sandbox.apiKey },
			body: JSON.stringify({
				profiles: urls.slice(start, start + 100).map((profile_url) => ({ profile_url })),
			}),
		});
		if (response.status !== 201) throw new Error(`pre-tracking answered ${response.status}`);
	}
}
