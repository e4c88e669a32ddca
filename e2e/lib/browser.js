'use strict';
// Headless Chromium for the suites that drive n8n's editor (lib/editor.js, registry/): Debian's
// chromium (apt-get installs it when missing), playwright-core installed into the e2e cache (never
// into our package.json), a fresh profile per launch, and signing in as the owner through the UI.
const fs = require('fs');
const path = require('path');
const { run } = require('./proc');
const { ensureDebianPackages } = require('./debian');
const { OWNER } = require('./server');

const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';

async function ensurePlaywright(cache) {
	const dir = path.join(cache, 'playwright');
	const mod = path.join(dir, 'node_modules', 'playwright-core');
	if (!fs.existsSync(path.join(mod, 'package.json'))) {
		fs.mkdirSync(dir, { recursive: true });
		if (!fs.existsSync(path.join(dir, 'package.json'))) fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
		const r = await run('npm', ['install', '--no-save', 'playwright-core@1', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: dir,
			env: process.env,
			timeoutMs: 300_000,
		});
		if (r.code !== 0) throw new Error(`npm install playwright-core failed:\n${r.stderr}`);
	}
	return require(mod);
}

/**
 * Chromium (installed when missing) with a fresh profile in `work`.
 * @returns {Promise<{browser: any, page: any}>} browser is a persistent context: close() it
 */
async function launchChromium({ work, cache, timed = (_label, fn) => fn(), viewport = { width: 1440, height: 900 } }) {
	if (!process.env.E2E_CHROMIUM) await timed('chromium (apt-get when missing)', () => ensureDebianPackages([{ pkg: 'chromium', present: () => fs.existsSync(CHROMIUM) }]));
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set E2E_CHROMIUM)`);
	const { chromium } = await timed('playwright-core (cached)', () => ensurePlaywright(cache));
	const profile = fs.mkdtempSync(path.join(work, 'chromium-'));
	const browser = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		viewport,
		headless: true,
		timeout: 60_000,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const page = browser.pages()[0] || (await browser.newPage());
	page.setDefaultTimeout(30_000);
	// The editor's first load parses megabytes of JavaScript: on a busy 2-core machine, half a minute.
	page.setDefaultNavigationTimeout(120_000);
	return { browser, page };
}

/** Signs in through n8n's sign-in page as the owner lib/server.js created. */
async function signIn(page, base, owner = OWNER) {
	await page.goto(`${base}/signin`);
	await page.locator('input[type="email"]').fill(owner.email);
	await page.locator('input[type="password"]').fill(owner.password);
	await page.locator('input[type="password"]').press('Enter');
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
}

module.exports = { CHROMIUM, ensurePlaywright, launchChromium, signIn };
