/**
 * Issue 23 item 3: the webhook secret as AssemblyAI checks it (openapi-2026-08.yml: a header name of
 * 1–1000 ASCII letters, digits, - and _; a value of 1–1000 characters without CR/LF), and as n8n
 * receives it (Node.js trims header values, refuses control characters). The credential's Test refuses
 * what would fail, with a message that says why and never the secret; Transcribe refuses the same
 * before anything is uploaded or paid for.
 */
import type { ICredentialTestFunctions, IDataObject } from 'n8n-workflow';
import { webhookHeaderAuthTest } from '../../nodes/AssemblyAiHighlights/utils/webhookAuth';
import { useEmulator } from '../helpers/emulator';
import { runNode } from '../helpers/runNode';

const env = useEmulator();
const SECRET = 'k7-Hq2_vT9!pX4@wZ8#rB1$';
const testCredential = async (data: IDataObject) =>
	await webhookHeaderAuthTest.call({} as ICredentialTestFunctions, { id: '1', name: 'x', type: 'assemblyAiHighlightsWebhookAuthApi', data } as never);

/** [case, credential, the Test's message]; each one is refused. */
const REFUSED: Array<[string, { name: string; secret: string }, RegExp]> = [
	['name empty', { name: '', secret: SECRET }, /^Header Name is empty$/],
	['name only blanks', { name: '   ', secret: SECRET }, /^Header Name is empty$/],
	['name with a space', { name: 'X Webhook Secret', secret: SECRET }, /^Header Name "X Webhook Secret" has characters AssemblyAI does not accept: use only ASCII letters, digits, - and _/],
	['name with a dot (a valid HTTP token, not for AssemblyAI)', { name: 'X.Webhook.Secret', secret: SECRET }, /has characters AssemblyAI does not accept/],
	['name with a colon', { name: 'X-Secret:', secret: SECRET }, /has characters AssemblyAI does not accept/],
	['name with a non-ASCII letter', { name: 'X-Geheimnis-ä', secret: SECRET }, /has characters AssemblyAI does not accept/],
	['name of 1001 characters', { name: 'X'.repeat(1001), secret: SECRET }, /^Header Name has 1001 characters: AssemblyAI accepts at most 1000$/],
	['secret empty', { name: 'X-Webhook-Secret', secret: '' }, /^Header Secret is empty$/],
	['secret of 1001 characters', { name: 'X-Webhook-Secret', secret: 's'.repeat(1001) }, /^Header Secret has 1001 characters: AssemblyAI accepts at most 1000$/],
	['secret with a line feed', { name: 'X-Webhook-Secret', secret: `${SECRET}\nmore` }, /^Header Secret contains a line break, which AssemblyAI does not accept/],
	['secret with a carriage return', { name: 'X-Webhook-Secret', secret: `${SECRET}\rmore` }, /contains a line break/],
	['secret pasted with a trailing newline', { name: 'X-Webhook-Secret', secret: `${SECRET}\n` }, /contains a line break/],
	['secret with a space at the end', { name: 'X-Webhook-Secret', secret: `${SECRET} ` }, /^Header Secret starts or ends with a space or other blank: n8n \(Node\.js\) trims header values it receives, so the header would never match/],
	['secret with a space at the start', { name: 'X-Webhook-Secret', secret: ` ${SECRET}` }, /starts or ends with a space or other blank/],
	['secret with a tab at the end', { name: 'X-Webhook-Secret', secret: `${SECRET}\t` }, /starts or ends with a space or other blank/],
	['secret with a control character', { name: 'X-Webhook-Secret', secret: `${SECRET}\u0007x` }, /^Header Secret contains a control character: Node\.js refuses/],
];

/** [case, credential, the Test's message]; each one passes. */
const ACCEPTED: Array<[string, { name: string; secret: string }, string]> = [
	['the usual header', { name: 'X-Webhook-Secret', secret: SECRET }, 'The header is ready to use'],
	['a name with _ and digits, one character of secret', { name: 'x_hook_2', secret: 'a' }, 'The header is ready to use'],
	['a name of 1000 characters, a secret of 1000', { name: 'N'.repeat(1000), secret: 'v'.repeat(1000) }, 'The header is ready to use'],
	['a secret with inner spaces and punctuation', { name: 'X-Webhook-Secret', secret: 'correct horse: battery "staple"' }, 'The header is ready to use'],
	['a name with blanks around it (left out, as always)', { name: ' X-Webhook-Secret ', secret: SECRET }, 'The header is ready to use (the blanks around Header Name are left out)'],
];

describe("the credential's Test: what AssemblyAI and n8n would refuse", () => {
	test.each(REFUSED)('%s: refused, saying why, never quoting the secret', async (_case, data, message) => {
		const result = await testCredential(data);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(SECRET);
	});

	test.each(ACCEPTED)('%s: passes', async (_case, data, message) => {
		expect(await testCredential(data)).toEqual({ status: 'OK', message });
	});
});

describe('Transcribe with Webhook Authentication refuses the same header before the upload', () => {
	const transcribeFile = async (webhookAuth: { name: string; secret: string }) =>
		await runNode({
			parameters: {
				operation: 'transcribe',
				source: 'binary',
				webhookAuthentication: 'headerAuth',
				transcriptOptions: { webhookUrl: 'https://n8n.example.com/webhook/assemblyai' },
			},
			inputs: [{ binary: { data: { data: Buffer.from('RIFF a recording'), fileName: 'call.wav' } } }],
			credentials: env.credentials(),
			webhookAuth,
		});

	test.each(REFUSED.filter(([, data]) => data.name.trim() !== '' && data.secret !== ''))('%s: an error naming the problem; nothing uploaded, nothing created', async (_case, data, message) => {
		const result = await transcribeFile(data);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`The AssemblyAI Webhook Header Auth API credential is not usable: ${result.error?.message.split('not usable: ')[1]}`);
		expect(result.error?.message.split('not usable: ')[1]).toMatch(message);
		expect(result.error?.message).not.toContain(SECRET);
		expect(env.emu.requests).toHaveLength(0);
	});

	test('a header AssemblyAI accepts is sent as it is (a name with blanks around it, trimmed)', async () => {
		const result = await transcribeFile({ name: ' X-Webhook-Secret ', secret: SECRET });
		expect(result.error).toBeUndefined();
		expect(env.emu.createdParams()[0]).toMatchObject({ webhook_auth_header_name: 'X-Webhook-Secret', webhook_auth_header_value: SECRET });
	});
});
