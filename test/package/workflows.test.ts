/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import { readFileSync } from 'fs';
import * as yaml from 'js-yaml';
import { join, resolve } from 'path';

const root = resolve(__dirname, '../..');
const text = (file: string) => readFileSync(join(root, file), 'utf8');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}
interface Job {
	'runs-on': unknown;
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}
const workflow = (name: string) => yaml.load(text(`.github/workflows/${name}`)) as Workflow;
const runs = (job: Job) => job.steps.map((step) => step.run?.trim()).filter(Boolean) as string[];

/** GitHub Actions cannot run here: these pin what npm's trusted publishing and n8n's starter require. */
describe('GitHub Actions: CI and publishing with npm trusted publishing', () => {
	test('scripts are n8n-node CLI ones, as in n8n\'s starter', () => {
		const { scripts } = JSON.parse(text('package.json'));
		expect(scripts.build).toBe('n8n-node build');
		expect(scripts.lint).toMatch(/^n8n-node lint( |$)/);
		expect(scripts.release).toBe('n8n-node release');
		expect(scripts.prepublishOnly).toBe('n8n-node prerelease');
	});

	test('publish.yml: a version tag publishes through OIDC, with no token, secret or registry address', () => {
		const wf = workflow('publish.yml');
		expect(wf.on).toEqual({ push: { tags: ['*.*.*'] } });
		expect(wf.permissions).toEqual({ contents: 'read' });
		const { publish } = wf.jobs;
		expect(publish['runs-on']).toBe('ubuntu-latest'); // trusted publishing needs a GitHub-hosted runner
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(JSON.stringify(wf)).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|_authToken|secrets\.|registry-url|registry\.npmjs/);
		const setupNode = publish.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		// Node 24 ships npm 11 (trusted publishing: Node 22.14+, npm 11.5.1+, checked again by a step).
		expect(Number(setupNode?.with?.['node-version'])).toBeGreaterThanOrEqual(24);
		expect(Object.keys(setupNode?.with ?? {})).toEqual(['node-version']);
	});

	test('publish.yml: checks npm and the tag, tests, scans, then publishes with n8n-node release', () => {
		const commands = runs(workflow('publish.yml').jobs.publish);
		const order = ['npm --version', 'GITHUB_REF_NAME', './run test', 'node e2e/lib/scanner.js', 'npm run release'].map((part) =>
			commands.findIndex((command) => command.includes(part)),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(commands.at(-1)).toBe('npm run release');
	});

	test('ci.yml: the developer\'s test command and the scanner on every push; npm ci on macOS and Windows', () => {
		const wf = workflow('ci.yml');
		expect(runs(wf.jobs.test)).toEqual(['./run test', 'node e2e/lib/scanner.js']);
		expect(wf.jobs.install['runs-on']).toBe('${{ matrix.os }}');
		expect(runs(wf.jobs.install)).toEqual(['npm ci --ignore-scripts', 'npm run build', 'npx n8n-node lint']);
		expect(JSON.stringify(wf)).not.toMatch(/secrets\./);
	});
});
