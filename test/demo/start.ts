// `npm start`: the real, pinned n8n editor on 127.0.0.1 with this package installed as a
// community node, an owner, a credential and the example workflow ready; Ctrl-C stops it all.
import { setTimeout as sleep } from 'node:timers/promises';

import {
	ensureOwnerSession,
	isGroupAlive,
	RestError,
	startServer,
	type N8nServer,
	type RestSession,
} from '../e2e/runtime/n8n';
import { N8N_VERSION } from '../e2e/runtime/versions';
import { testStoredCredential } from '../e2e/support/credential-test';
import { printReady } from './banner';
import { describeFailure, runMain, say, step } from './console';
import { credentialFor } from './credential';
import { editorPort } from './ports';
import { provision } from './provision';
import { startDemoSandbox } from './sandbox';
import { DEMO_OWNER, readSettings } from './settings';

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const N8N_EXITED = 'n8n exited';

/** Signs in as the demo owner, creating it on a fresh instance; undefined if its password changed. */
async function ownerSession(url: string): Promise<RestSession | undefined> {
	return await ensureOwnerSession(url, DEMO_OWNER).catch((error: unknown) =>
		error instanceof RestError && error.status === 401 ? undefined : Promise.reject(error),
	);
}

/** n8n's own credential test, as the credential modal runs it: creates nothing in Trigify. */
async function credentialCheck(session: RestSession | undefined, id: string): Promise<string> {
	if (!session) return 'not tested (could not sign in)';
	const result = await testStoredCredential(session, id).catch((error: unknown) => ({
		status: 'Error',
		message: describeFailure(error),
	}));
	return result.status === 'OK' ? 'test passed' : `test FAILED: ${result.message}`;
}

/** Resolves with what ended the session: a signal from the user, or n8n exiting on its own. */
async function untilStopped(server: N8nServer): Promise<string> {
	const signal = new Promise<string>((resolve) => {
		for (const name of STOP_SIGNALS) process.on(name, () => resolve(name));
	});
	const exited = (async () => {
		while (isGroupAlive(server.pid)) await sleep(1000, undefined, { ref: false });
		return N8N_EXITED;
	})();
	return await Promise.race([signal, exited]);
}

async function main(): Promise<void> {
	const settings = readSettings(process.env, { allowLive: true });
	say(`Setting up n8n ${N8N_VERSION} with n8n-nodes-trigify in ${settings.dir}`);
	const sandbox = settings.live
		? undefined
		: await step(
				'sandbox',
				() => startDemoSandbox(settings),
				(started) => started.url,
			);
	let server: N8nServer | undefined;
	try {
		const { credential, summary } = credentialFor(settings.live, sandbox);
		const context = await provision(settings, credential);
		const port = await editorPort(settings);
		server = await step(
			'n8n editor',
			() => startServer(context, { port }),
			(s) => s.url,
		);
		const editorUrl = server.url;
		const session = await step('owner account', () => ownerSession(editorUrl));
		const test = await credentialCheck(session, credential.id);
		printReady({
			settings,
			editorUrl,
			signedIn: session !== undefined,
			credential: { name: credential.name, summary, test },
			sandbox,
		});
		const reason = await untilStopped(server);
		say(`\nStopping (${reason})...`);
		if (reason === N8N_EXITED) {
			process.stderr.write(`${server.output().split('\n').slice(-30).join('\n')}\n`);
			process.exitCode = 1;
		}
	} finally {
		await server?.stop();
		await sandbox?.close();
	}
	say(sandbox ? 'Stopped n8n and the sandbox.' : 'Stopped n8n.');
}

runMain(main);
