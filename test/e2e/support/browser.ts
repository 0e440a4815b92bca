import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

// Debian's Chromium (apt-get install chromium), not a browser Playwright downloads: nothing is
// fetched from the internet, and CI installs it like any other package.
export const CHROMIUM = '/usr/bin/chromium';

// Headless in a container, and quiet: no GPU, no sandbox (root), no calls home. Playwright gives
// every launch a fresh temporary profile (it refuses --user-data-dir with launch()).
const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium".`);
	}
	return await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
