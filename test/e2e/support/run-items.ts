import type { ExecutionRun } from '../runtime/n8n';

export interface Emitted {
	/** Which of the node's outputs the item left on. */
	output: number;
	/** The input item it is paired with. */
	item: number;
	json: Record<string, unknown>;
}

/** Every item a node emitted in its first run, on any output, with its single pairedItem. */
export function emitted(run: ExecutionRun, nodeName: string): Emitted[] {
	const nodeRun = run.data.resultData.runData[nodeName]?.[0];
	if (!nodeRun?.data) throw new Error(`node "${nodeName}" did not run or emitted nothing`);
	return nodeRun.data.main.flatMap((items, output) =>
		(items ?? []).map((entry) => {
			const paired = entry.pairedItem as { item?: unknown } | undefined;
			if (typeof paired?.item !== 'number') {
				throw new Error(
					`an item of "${nodeName}" has no single pairedItem: ${JSON.stringify(entry)}`,
				);
			}
			return { output, item: paired.item, json: entry.json };
		}),
	);
}

/** The number of outputs the node had in this run (n8n keeps empty outputs as empty lists). */
export function outputCount(run: ExecutionRun, nodeName: string): number {
	return run.data.resultData.runData[nodeName]?.[0]?.data?.main.length ?? 0;
}
