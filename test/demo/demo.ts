// `npm run demo`: the example workflow, run once through the real n8n CLI against the sandbox,
// printed as one table per status. State persists in the demo folder, so a second run shows the
// same profiles as `existing`.
import { executeWorkflow } from '../e2e/runtime/n8n';
import { EXAMPLE_WORKFLOW_ID } from '../e2e/support/workflows';
import { runMain, say, step } from './console';
import { sandboxCredential } from './credential';
import { provision } from './provision';
import { startDemoSandbox } from './sandbox';
import { readSettings } from './settings';
import { nodeHints, renderTables, trackedRows } from './table';

async function main(): Promise<void> {
	// A real key is only for `npm start`: the demo's rows would become real monitors.
	const settings = readSettings(process.env, { allowLive: false });
	say(`Running the example workflow in n8n, against the Trigify sandbox (${settings.dir})`);
	if (process.env.TRIGIFY_API_KEY)
		say('  (TRIGIFY_API_KEY is for "npm start"; the demo only uses the sandbox)');
	const sandbox = await step(
		'sandbox',
		() => startDemoSandbox(settings),
		(s) => s.url,
	);
	try {
		const context = await provision(settings, sandboxCredential(sandbox).credential);
		const run = await step('n8n execute', () => executeWorkflow(context, EXAMPLE_WORKFLOW_ID));
		const failure = run.data.resultData.error;
		if (failure) throw new Error(`The workflow failed in n8n: ${failure.message}`);
		for (const line of renderTables(trackedRows(run))) say(line);
		for (const hint of nodeHints(run)) say(`Node hint: ${hint}`);
		say('');
		say('Run it again and the same profiles come back as existing: the sandbox keeps its state.');
		say('"npm start" opens this workflow in the n8n editor.');
	} finally {
		await sandbox.close();
	}
}

runMain(main);
