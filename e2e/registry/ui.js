'use strict';
// What a user does in n8n's editor, step by step, for the registry suite. Elements are found by the
// test ids n8n's own Playwright suite uses (packages/testing/playwright/pages: CommunityNodesPage,
// NodeCreator, CredentialModal, NodeDetailsViewPage) and by our node's own labels, which the suite
// reads from the node types the n8n server loaded (so a renamed label is followed, not hard-coded).
// Works with the editors of n8n 1.123.x and 2.41.x.

/** An element by n8n's `data-test-id`. */
const tid = (root, id) => root.locator(`[data-test-id="${id}"]`);

/** The text of every visible toast. */
async function toasts(page) {
	const texts = await page.locator('.el-notification').evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => e.innerText.trim()));
	return texts.filter(Boolean);
}

async function closeToasts(page) {
	for (const close of await page.locator('.el-notification .el-notification__closeBtn').all()) await close.click().catch(() => {});
}

/** Polls until fn() returns something other than undefined. */
async function until(fn, { timeoutMs = 30_000, what = 'condition', intervalMs = 250 } = {}) {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const v = await fn();
		if (v !== undefined) return v;
		if (Date.now() > end) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

const communityNodes = {
	async open(page, base) {
		await page.goto(`${base}/settings/community-nodes`);
		// 1.x: empty state "action-box"; 2.x: "empty-state"; once installed: the package cards.
		await page
			.locator('[data-test-id="action-box"], [data-test-id="empty-state"], [data-test-id="community-package-card"]')
			.first()
			.waitFor({ state: 'visible', timeout: 90_000 });
	},

	card: (page, packageName) => tid(page, 'community-package-card').filter({ hasText: packageName }),

	/**
	 * Install → package name → "I understand the risks" → Install.
	 * @returns {Promise<{ok: boolean, ms: number, toasts: string[]}>} ok when the modal closed without an error toast
	 */
	async install(page, packageName, { timeoutMs = 300_000, beforeSubmit } = {}) {
		const emptyStateButton = page.locator('[data-test-id="action-box"] button, [data-test-id="empty-state"] button');
		const headerButton = page.getByRole('button', { name: 'Install', exact: true });
		await emptyStateButton.or(headerButton).first().click();
		const modal = tid(page, 'communityPackageInstall-modal');
		await modal.waitFor({ state: 'visible' });
		await modal.locator('input').first().fill(packageName);
		await tid(page, 'user-agreement-checkbox').click();
		if (beforeSubmit) await beforeSubmit(modal);
		const started = Date.now();
		await tid(page, 'install-community-package-button').click();
		const outcome = await until(
			async () => {
				const t = await toasts(page);
				if (t.some((x) => /error|problem|could not|failed|not allow/i.test(x))) return { ok: false, toasts: t };
				if (!(await modal.isVisible())) return { ok: true, toasts: t };
				return undefined;
			},
			{ timeoutMs, what: 'the install to finish (modal closed or an error shown)' },
		);
		return { ...outcome, ms: Date.now() - started, modal };
	},

	/** The card's Update button → Confirm update; resolves when the card shows `toVersion`. */
	async update(page, packageName, toVersion, { timeoutMs = 300_000, beforeConfirm } = {}) {
		const card = communityNodes.card(page, packageName);
		await card.getByRole('button', { name: /update/i }).click();
		const confirm = tid(page, 'communityPackageManageConfirm-modal');
		await confirm.waitFor({ state: 'visible' });
		if (beforeConfirm) await beforeConfirm(confirm);
		const started = Date.now();
		await confirm.getByRole('button', { name: /confirm update/i }).click();
		await until(
			async () => {
				const t = await toasts(page);
				if (t.some((x) => /error|problem|could not|failed/i.test(x))) throw new Error(`the update failed: ${t.join(' | ')}`);
				const text = (await card.innerText().catch(() => '')) || '';
				return !(await confirm.isVisible()) && text.includes(toVersion) ? true : undefined;
			},
			{ timeoutMs, what: `the card to show version ${toVersion}` },
		);
		return { ms: Date.now() - started };
	},

	/** The card's menu → Uninstall package → Confirm uninstall; resolves when the card is gone. */
	async uninstall(page, packageName, { timeoutMs = 120_000, beforeConfirm } = {}) {
		const card = communityNodes.card(page, packageName);
		await tid(card, 'action-toggle').click();
		await tid(page, 'action-uninstall').filter({ visible: true }).first().click();
		const confirm = tid(page, 'communityPackageManageConfirm-modal');
		await confirm.waitFor({ state: 'visible' });
		if (beforeConfirm) await beforeConfirm(confirm);
		const started = Date.now();
		await confirm.getByRole('button', { name: /confirm uninstall/i }).click();
		await card.waitFor({ state: 'detached', timeout: timeoutMs });
		return { ms: Date.now() - started };
	},
};

const editor = {
	/** A new, empty workflow; the canvas ready. */
	async newWorkflow(page, base) {
		await page.goto(`${base}/workflow/new`);
		await tid(page, 'canvas-add-button').or(tid(page, 'node-creator-plus-button')).first().waitFor({ state: 'visible', timeout: 90_000 });
	},

	/** Opens the nodes panel and searches; returns the panel's item for `nodeName`. */
	async searchNodesPanel(page, query, nodeName) {
		await tid(page, 'node-creator-plus-button').click();
		const panel = tid(page, 'node-creator');
		await panel.waitFor({ state: 'visible' });
		await tid(page, 'node-creator-search-bar').fill(query);
		const item = tid(panel, 'item-iterator-item').filter({ has: page.getByText(nodeName, { exact: true }) }).first();
		await item.waitFor({ state: 'visible' });
		return { panel, item };
	},

	/** Clicks a node in the nodes panel, then one of its actions; the node details view opens. */
	async addNodeWithAction(page, panel, item, actionLabel) {
		await item.click();
		const action = tid(panel, 'item-iterator-item').filter({ has: page.getByText(actionLabel, { exact: true }) }).first();
		// Opened from an empty canvas the panel lists triggers first and folds the actions away.
		const shown = await action.waitFor({ state: 'visible', timeout: 5000 }).then(
			() => true,
			() => false,
		);
		if (!shown) await panel.getByText(/^Actions \(\d+\)$/).first().click();
		await action.waitFor({ state: 'visible' });
		await action.click();
		const ndv = tid(page, 'ndv');
		await ndv.waitFor({ state: 'visible' });
		return ndv;
	},

	/**
	 * The credential dialog for the open node: n8n opens it by itself for a node whose credential
	 * type has none yet; otherwise through the credential select's "Create new credential".
	 */
	async openNewCredential(page, ndv) {
		const modal = tid(page, 'editCredential-modal');
		const opened = await modal.waitFor({ state: 'visible', timeout: 5000 }).then(
			() => true,
			() => false,
		);
		if (!opened) {
			// 1.x: a select; 2.x: a "Connect to …" button (empty state) with the same menu behind it.
			const slot = tid(ndv, 'node-credentials-empty-state').or(tid(ndv, 'node-credentials-select')).first();
			await slot.click();
			const direct = await modal.waitFor({ state: 'visible', timeout: 3000 }).then(
				() => true,
				() => false,
			);
			if (!direct) {
				await tid(page, 'node-credentials-select-item-new').filter({ visible: true }).first().click();
				await modal.waitFor({ state: 'visible' });
			}
		}
		return modal;
	},

	/** Types into a parameter's input (credential dialog or node details view). */
	async fill(root, param, value) {
		const input = tid(root, `parameter-input-${param}`).locator('input, textarea').first();
		await input.waitFor({ state: 'visible' });
		await input.fill(value);
	},

	/** Picks an option (by its label) of an options parameter. */
	async choose(page, root, param, label) {
		await tid(root, `parameter-input-${param}`).click();
		const option = page.locator('.el-select-dropdown__item, [role="option"]').filter({ visible: true }).filter({ hasText: label }).first();
		await option.click();
	},

	/**
	 * Saves the credential dialog. n8n tests the credential on save (POST /rest/credentials/test);
	 * 1.x then shows "Connection tested successfully" in the dialog, 2.x closes the dialog.
	 * @returns {Promise<{ok: boolean, status: string, message: string, shown: string}>}
	 */
	async saveCredential(page, modal, { timeoutMs = 60_000 } = {}) {
		const tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test') && r.request().method() === 'POST', { timeout: timeoutMs });
		await tid(modal, 'credential-save-button').click();
		const body = await (await tested).json().catch(() => ({}));
		const { status = '', message = '' } = body.data ?? body;
		const shown = await until(
			async () => {
				if (!(await modal.isVisible())) return 'dialog closed';
				const text = await modal.innerText().catch(() => '');
				if (/Connection tested successfully/i.test(text)) return 'Connection tested successfully';
				if (/Couldn.t connect|could not connect/i.test(text)) return text;
				return undefined;
			},
			{ timeoutMs, what: 'the dialog to show the test result or close' },
		);
		return { ok: status === 'OK', status, message, shown };
	},

	async closeModal(page, modal) {
		const close = modal.locator('.el-dialog__close, [aria-label="Close"], [aria-label="Close this dialog"]').first();
		if (await close.isVisible().catch(() => false)) await close.click();
		else await page.keyboard.press('Escape');
		await modal.waitFor({ state: 'hidden' });
	},

	/** "Execute step" in the node details view; resolves with the output panel's text once it shows items. */
	async executeStep(page, ndv, { timeoutMs = 180_000 } = {}) {
		const started = Date.now();
		await tid(ndv, 'node-execute-button').first().click();
		const output = tid(ndv, 'output-panel');
		const text = await until(
			async () => {
				const t = await output.innerText().catch(() => '');
				if (/\d+ items?\b/.test(t) && !/Executing/i.test(t)) return t;
				if (/Problem in node|ERROR:/i.test(t)) throw new Error(`the node failed in the editor:\n${t.slice(0, 800)}`);
				return undefined;
			},
			{ timeoutMs, what: 'items in the output panel' },
		);
		return { ms: Date.now() - started, text, output };
	},

	/** Saves the workflow (Ctrl+S); returns its id from the URL. */
	async save(page) {
		await page.keyboard.press('Control+s');
		return until(
			async () => {
				const m = /\/workflow\/([^/?#]+)/.exec(page.url());
				return m && m[1] !== 'new' ? m[1] : undefined;
			},
			{ what: 'the saved workflow to get an id' },
		);
	},
};

module.exports = { tid, toasts, closeToasts, until, communityNodes, editor };
