'use strict';
// The n8n editor in headless Chromium (playwright-core, installed into the e2e cache, never into
// our package.json), in the `n8n start` of lib/server.js: sign in through the UI as its owner, open
// an imported example, open our node, check what renders, take screenshots.
const fs = require('fs');
const path = require('path');
const { test, assert } = require('./tests');
const { launchChromium, signIn } = require('./browser');
const W = require('./workflows');

/** The editor checks, in the server lib/server.js started (srv: base URL, owner signed up). */
async function editorSuite({ srv, tag, version, cache, screenshotDir, timed, work, suite }) {
	const { base, logFile } = srv;
	const shotDir = screenshotDir;
	fs.mkdirSync(shotDir, { recursive: true });
	let browser;
	let page;
	try {
		await test(`${tag}: editor in headless Chromium: canvas, node parameters, credential (screenshots in ${shotDir})`, async () => {
			try {
				return await editorChecks();
			} catch (err) {
				const shot = path.join(work, `editor-failure-${version}.png`);
				if (page) await page.screenshot({ path: shot }).catch(() => {});
				throw new Error(`${err.message}\n(screenshot of the page: ${shot}; n8n log: ${logFile})`);
			}
		});
		async function editorChecks() {
			({ browser, page } = await launchChromium({ work, cache, timed }));
			const iconResponses = [];
			page.on('response', (resp) => {
				if (/assemblyai.*\.svg/i.test(resp.url())) iconResponses.push(`${resp.status()} ${resp.url()}`);
			});
			const notes = [];
			await timed(`${tag} editor: sign in`, () => signIn(page, base));

			await timed(`${tag} editor: canvas`, async () => {
				await page.goto(`${base}/workflow/${W.ids.fileToHttp}`);
				await page.getByText('Key Phrases', { exact: true }).first().waitFor({ state: 'visible' });
				await page.keyboard.press('Escape');
				await page.waitForTimeout(1500);
				// Our node shows its subtitle (the operation) and its icon on the canvas.
				await page.getByText('Transcribe with Key Phrases').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(() => notes.push('subtitle not shown on canvas'));
				await page.screenshot({ path: path.join(shotDir, 'editor-canvas.png') });
			});
			assert(iconResponses.some((r) => r.startsWith('200 ')), `our node's icon was not loaded (responses: ${iconResponses.join(', ') || 'none'})`);

			await timed(`${tag} editor: node parameters`, async () => {
				// The canvas node by its id (the sticky note also says "Key Phrases").
				const nodeId = suite.examples.find((w) => w.id === W.ids.fileToHttp).nodes.find((n) => n.name === 'Key Phrases').id;
				await page.locator(`.vue-flow__node[data-id="${nodeId}"]`).first().dblclick();
				const ndv = page.locator('[data-test-id="ndv"]').first();
				await ndv.waitFor({ state: 'visible' });
				await page.waitForTimeout(1000);
				// Selects show their value in an <input>: read the labels and those values.
				const values = await ndv.locator('input').evaluateAll((els) => els.map((e) => e.value));
				const text = `${await ndv.innerText()}\n${values.join('\n')}`;
				for (const want of ['Transcribe with Key Phrases', 'AssemblyAI account', 'Audio Source', 'Wait for Result', 'Output']) {
					assert(text.includes(want), `"${want}" is not shown in the node's parameters`);
				}
				// Open the operation list: both operations are offered.
				const opInput = ndv.locator('[data-test-id="parameter-input-operation"]').first();
				await opInput.click();
				const get = page.getByText('Get Highlights', { exact: true }).last();
				await get.waitFor({ state: 'visible' });
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(shotDir, 'editor-node-parameters.png') });
				await page.keyboard.press('Escape');
			});

			await timed(`${tag} editor: credential`, async () => {
				await page.goto(`${base}/home/credentials/${W.CRED.id}`);
				const modal = page.locator('[data-test-id="editCredential-modal"]').first();
				await modal.waitFor({ state: 'visible' });
				await page.waitForTimeout(1500);
				const text = await modal.innerText();
				for (const want of ['AssemblyAI account', 'AssemblyAI API', 'API Key', 'Region', 'Base URL']) {
					assert(text.includes(want), `"${want}" is not shown in the credential dialog:\n${text.slice(0, 600)}`);
				}
				// The credential's own test request (GET /v2/transcript?limit=1) reached the emulator.
				await modal.getByText('Connection tested successfully').waitFor({ state: 'visible', timeout: 15_000 });
				await page.screenshot({ path: path.join(shotDir, 'editor-credential.png') });
			});
			return notes.length ? notes.join('; ') : 'operation names, credential name and type, icon rendered; credential test passed against the emulator';
		}
	} finally {
		if (browser) await browser.close().catch(() => {});
	}
}

module.exports = { editorSuite };
