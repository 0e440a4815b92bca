import type { Locator, Page } from 'playwright-core';

import type { OwnerAccount } from '../runtime/n8n';

// n8n's own test ids (data-test-id) in the 2.41 editor: the ones its Playwright suite uses.
const testId = (id: string) => `[data-test-id="${id}"]`;

export async function signIn(
	page: Page,
	url: string,
	owner: Pick<OwnerAccount, 'email' | 'password'>,
) {
	await page.goto(url);
	await page.getByLabel('Email').fill(owner.email);
	await page.getByLabel('Password').fill(owner.password);
	await page.getByRole('button', { name: /sign in/i }).click();
	await page.waitForURL((address) => !address.pathname.startsWith('/signin'));
}

export function canvasNode(page: Page, name: string): Locator {
	return page.locator(`${testId('canvas-node')}[data-node-name="${name}"]`);
}

/** The labels next to a node's output handles, top to bottom. */
export async function outputLabels(node: Locator): Promise<string[]> {
	const handles = node.locator(testId('canvas-node-output-handle'));
	return (await handles.allInnerTexts()).map((text) => text.trim());
}

/** Opens the node's panel (NDV) by double-clicking it on the canvas. */
export async function openNodePanel(page: Page, name: string): Promise<Locator> {
	await canvasNode(page, name).dblclick();
	const panel = page.locator(testId('ndv'));
	await panel.waitFor();
	return panel;
}

export async function closeNodePanel(page: Page): Promise<void> {
	await page.locator(testId('ndv-close-button')).click();
	await page.locator(testId('ndv')).waitFor({ state: 'hidden' });
}

export function parameterInput(panel: Locator, name: string): Locator {
	return panel.locator(testId(`parameter-input-${name}`));
}

export function credentialSelect(panel: Locator): Locator {
	return panel.locator(testId('node-credentials-select'));
}

/** The output tabs of a node with several outputs, e.g. "Created Branch (5 items)". */
export async function outputBranchTabs(panel: Locator): Promise<string[]> {
	const tabs = panel.locator(`${testId('output-panel')} [data-test-id^="tab-"]`);
	return (await tabs.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

/** Clicks "Execute workflow" and waits until the node shows it ran successfully. */
export async function executeWorkflowFromCanvas(page: Page, node: string): Promise<void> {
	await page.locator(testId('execute-workflow-button')).click();
	await canvasNode(page, node).locator(testId('canvas-node-status-success')).waitFor({
		timeout: 60_000,
	});
}

/** The "N items" label on the edge from `source` to `target`, or '' when nothing went that way. */
export async function edgeLabel(page: Page, source: string, target: string): Promise<string> {
	const label = page.locator(
		`${testId('edge-label')}[data-source-node-name="${source}"][data-target-node-name="${target}"]`,
	);
	return (await label.innerText()).trim();
}

/**
 * The editor updates the canvas and panels as run data arrives over its push connection, so a
 * reading is retried until it shows `expected` or the time is up; the last reading is returned
 * either way for the caller to assert on (and to show in the failure).
 */
export async function readUntil<T>(
	read: () => Promise<T>,
	expected: T,
	timeoutMs = 15_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let reading = await read();
	while (JSON.stringify(reading) !== JSON.stringify(expected) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		reading = await read();
	}
	return reading;
}

/** Closes n8n's toasts ("Workflow executed successfully") and parks the mouse, for a clean picture. */
export async function tidyForScreenshot(page: Page): Promise<void> {
	const toasts = page.locator('.el-notification');
	for (let count = await toasts.count(); count > 0; count = await toasts.count()) {
		await toasts.first().locator('.el-notification__closeBtn').click();
		await toasts
			.first()
			.waitFor({ state: 'detached' })
			.catch(() => undefined);
	}
	await page.mouse.move(0, 0);
}
