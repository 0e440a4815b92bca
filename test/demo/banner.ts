import type { Sandbox } from '../sandbox';
import { N8N_VERSION } from '../e2e/runtime/versions';
import { EXAMPLE_WORKFLOW_ID } from '../e2e/support/workflows';
import { say } from './console';
import { DEMO_OWNER, type DemoSettings } from './settings';

export interface ReadyState {
	settings: DemoSettings;
	editorUrl: string;
	/** False when the owner's password was changed in n8n since the first start. */
	signedIn: boolean;
	credential: { name: string; summary: string; test: string };
	sandbox: Sandbox | undefined;
}

/** What a newcomer needs once everything runs: where to go, how to sign in, what is set up. */
export function printReady(state: ReadyState): void {
	const { settings, editorUrl, credential, sandbox } = state;
	const signIn = state.signedIn
		? `${DEMO_OWNER.email} / ${DEMO_OWNER.password}`
		: `${DEMO_OWNER.email} with the password you set in n8n`;
	say();
	say(`n8n ${N8N_VERSION} is ready, with n8n-nodes-trigify installed as a community node.`);
	say();
	say(`  Editor:     ${editorUrl}`);
	say(`  Workflow:   ${editorUrl}/workflow/${EXAMPLE_WORKFLOW_ID}`);
	say(`  Sign in:    ${signIn}`);
	say(`  Credential: "${credential.name}": ${credential.summary}; ${credential.test}`);
	if (sandbox)
		say(`  Sandbox:    ${sandbox.url} (its monitors: ${sandbox.url}/__sandbox/monitors)`);
	say(`  Data:       ${settings.dir}`);
	say();
	say('Open the workflow and click "Execute workflow". Press Ctrl-C to stop everything.');
	if (settings.live) {
		say('With a real key, executing the example tracks its profiles in your Trigify account.');
	}
}
