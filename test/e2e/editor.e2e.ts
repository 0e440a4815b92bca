import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';

import { login, type RestSession } from './runtime/n8n';
import { launchChromium } from './support/browser';
import {
	canvasNode,
	closeNodePanel,
	credentialSelect,
	edgeLabel,
	executeWorkflowFromCanvas,
	openNodePanel,
	outputBranchTabs,
	outputLabels,
	parameterInput,
	readUntil,
	signIn,
	tidyForScreenshot,
} from './support/editor';
import { countByStatus, exampleRows, FIRST_RUN } from './support/example-rows';
import { processesMentioning } from './support/leftovers';
import { REPO_ROOT } from './support/package';
import { startScript, type StartedScript } from './support/scripts';
import {
	EXAMPLE_CREDENTIAL,
	EXAMPLE_WORKFLOW_ID,
	NODE_TYPE,
	OUTPUTS,
	TRACK,
} from './support/workflows';

const SCREENSHOTS = join(REPO_ROOT, 'docs', 'images');
const READY = /Editor: +(http:\/\/127\.0\.0\.1:\d+)\n[\s\S]*?Sign in: +(\S+) \/ (\S+)\n/;

interface Ready {
	url: string;
	email: string;
	password: string;
}

async function readyOf(script: StartedScript): Promise<Ready> {
	const [, url, email, password] = await script.waitFor(READY);
	return { url, email, password };
}

function items(count: number): string {
	return count === 0 ? '' : `${count} item${count === 1 ? '' : 's'}`;
}

describe('npm start: the real n8n editor, provisioned, in a real browser', () => {
	let dataDir: string;
	let script: StartedScript;
	let ready: Ready;
	let browser: Browser;
	let page: Page;
	const expected = countByStatus(exampleRows().map((row) => FIRST_RUN[row.name]));

	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'trigify-e2e-start-'));
		script = startScript(dataDir);
		ready = await readyOf(script);
		browser = await launchChromium();
		page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
	});

	afterAll(async () => {
		await browser?.close();
		await script?.stop();
		await rm(dataDir, { recursive: true, force: true });
	});

	it('prints the editor URL and a login, with the sandbox credential tested', () => {
		expect(script.output()).toMatch(
			new RegExp(
				`Credential: "${EXAMPLE_CREDENTIAL.name.replace(/[()]/g, '\\$&')}": .*test passed`,
			),
		);
	});

	it('signs in with that login and shows the example with the node and its three labelled outputs', async () => {
		await signIn(page, `${ready.url}/workflow/${EXAMPLE_WORKFLOW_ID}`, ready);
		const node = canvasNode(page, TRACK);
		await node.waitFor();
		expect(await node.getAttribute('data-node-type')).toBe(NODE_TYPE);
		expect(await outputLabels(node)).toEqual(OUTPUTS.map((output) => output.label));
	});

	it('opens the node panel with its credential and parameters', async () => {
		const panel = await openNodePanel(page, TRACK);
		await expect(credentialSelect(panel).locator('input').inputValue()).resolves.toBe(
			EXAMPLE_CREDENTIAL.name,
		);
		const valueOf = (name: string) => parameterInput(panel, name).locator('input').first();
		await expect(valueOf('outputMode').inputValue()).resolves.toBe('Split by Status');
		const text = await panel.innerText();
		for (const name of ['profileUrl', 'webhookUrl']) {
			await parameterInput(panel, name).waitFor();
		}
		for (const label of ['Profile URL', 'Webhook URL', 'Output', 'Options']) {
			expect(text).toContain(label);
		}
		expect(text).toContain('{{ $json.linkedin_url }}');
		expect(text).toContain('{{ $json.webhook_url }}');
		await closeNodePanel(page);
	});

	it('"Execute workflow" in the editor runs the example: the node fills its three outputs', async () => {
		await executeWorkflowFromCanvas(page, TRACK);
		const wanted = OUTPUTS.map((output) => items(expected[output.status]));
		const labels = () => Promise.all(OUTPUTS.map(({ next }) => edgeLabel(page, TRACK, next)));
		expect(await readUntil(labels, wanted)).toEqual(wanted);
		await mkdir(SCREENSHOTS, { recursive: true });
		await tidyForScreenshot(page);
		await page.screenshot({ path: join(SCREENSHOTS, 'editor.png'), animations: 'disabled' });

		const panel = await openNodePanel(page, TRACK);
		const branches = OUTPUTS.map(({ label, status }) =>
			expected[status] ? `${label} Branch (${items(expected[status])})` : `${label} Branch`,
		);
		expect(await readUntil(() => outputBranchTabs(panel), branches)).toEqual(branches);
		await expect(panel.innerText()).resolves.toMatch(
			new RegExp(`Trigify: ${expected.created} created, ${expected.existing} existing`),
		);
		await tidyForScreenshot(page);
		await page.screenshot({ path: join(SCREENSHOTS, 'editor-panel.png'), animations: 'disabled' });
		await closeNodePanel(page);
	});

	it('Ctrl-C stops n8n, its task runners and the sandbox: nothing is left running', async () => {
		expect(await processesMentioning(dataDir)).not.toEqual([]);
		const code = await script.interrupt('SIGINT');
		expect(code).toBe(0);
		expect(script.output()).toContain('Stopped n8n and the sandbox.');
		expect(await processesMentioning(dataDir)).toEqual([]);
	});

	it('a second start on the same folder reuses the owner, the credential and the workflow', async () => {
		script = startScript(dataDir);
		ready = await readyOf(script);
		// Names only matter when an owner is created; signing in takes the printed login.
		const session: RestSession = await login(ready.url, { ...ready, firstName: '', lastName: '' });
		const workflows = await session.request<Array<{ id: string }>>('GET', 'workflows');
		expect(workflows.map((workflow) => workflow.id)).toEqual([EXAMPLE_WORKFLOW_ID]);
		const credentials = await session.request<Array<{ id: string; name: string }>>(
			'GET',
			'credentials',
		);
		expect(credentials.map(({ id, name }) => ({ id, name }))).toEqual([EXAMPLE_CREDENTIAL]);
		expect(await script.interrupt('SIGINT')).toBe(0);
	});
});
