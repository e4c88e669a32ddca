'use strict';
/**
 * A small OpenAI-compatible model on 127.0.0.1 for n8n's OpenAI Chat Model node (its credential's
 * Base URL pointing here): POST /v1/responses (the Responses API, the node's default from v1.3) and
 * POST /v1/chat/completions ("Use Responses API" off). It plays a model that uses one tool:
 *
 *   - while the conversation holds fewer tool results than the script asks for, it answers with a
 *     call to the first tool it is offered, passing the first http(s) URL of the user's message as
 *     the tool's first argument (the script "twice" asks twice with the same URL);
 *   - then it answers with a final text quoting the last tool result.
 *
 * The script comes from the model name: "stub-ask-twice" asks twice, any other name once.
 * Every request is recorded with the tool it was offered (name, description, schema) and the tool
 * results it carried: what the tool returned to the model, exactly as the model received it.
 */
const http = require('http');

const FINAL_PREFIX = 'Here is what the recording tool returned: ';

/** The tools a request offers, in one shape: {name, description, parameters}. */
function offeredTools(body) {
	return (body.tools || [])
		.map((t) => (t.type === 'function' && t.function ? t.function : t))
		.filter((t) => t && t.name)
		.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
}

/** The tool results in the conversation so far, oldest first, as strings. */
function toolResults(kind, body) {
	if (kind === 'chat') return (body.messages || []).filter((m) => m.role === 'tool').map((m) => textOf(m.content));
	const input = Array.isArray(body.input) ? body.input : [];
	return input.filter((i) => i && i.type === 'function_call_output').map((i) => textOf(i.output));
}

function textOf(content) {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((c) => (typeof c === 'string' ? c : c.text ?? '')).join('');
	return JSON.stringify(content ?? '');
}

/** The user's words: the last user message. */
function userText(kind, body) {
	const messages = kind === 'chat' ? body.messages || [] : Array.isArray(body.input) ? body.input : [{ role: 'user', content: body.input }];
	const users = messages.filter((m) => m && m.role === 'user');
	return users.length ? textOf(users[users.length - 1].content) : '';
}

const firstUrl = (text) => (text.match(/https?:\/\/[^\s"'<>]+/) || [''])[0].replace(/[.,;:!?)]+$/, '');

function startOpenAiStub() {
	/** @type {Array<{kind: string, path: string, model: string, tools: any[], toolResults: string[], user: string, answer: any, stream?: boolean}>} */
	const requests = [];
	let seq = 0;

	function decide(kind, body) {
		const tools = offeredTools(body);
		const results = toolResults(kind, body);
		const user = userText(kind, body);
		const calls = body.model === 'stub-ask-twice' ? 2 : 1;
		const record = { kind, path: '', model: body.model, tools, toolResults: results, user, answer: undefined };
		requests.push(record);
		if (results.length < calls && tools.length) {
			const tool = tools[0];
			const argName = Object.keys(tool.parameters?.properties || {})[0] || 'input';
			const args = JSON.stringify({ [argName]: firstUrl(user) });
			record.answer = { toolCall: { name: tool.name, arguments: args } };
			return record;
		}
		const last = results[results.length - 1];
		record.answer = { text: last === undefined ? 'I have no tool result.' : `${FINAL_PREFIX}${last}` };
		return record;
	}

	const usageChat = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	const usageResponses = {
		input_tokens: 10,
		input_tokens_details: { cached_tokens: 0 },
		output_tokens: 10,
		output_tokens_details: { reasoning_tokens: 0 },
		total_tokens: 20,
	};

	function chatCompletion(body, record) {
		const id = ++seq;
		const { toolCall, text } = record.answer;
		const message = toolCall
			? { role: 'assistant', content: null, tool_calls: [{ id: `call_${id}`, type: 'function', function: toolCall }] }
			: { role: 'assistant', content: text };
		return {
			id: `chatcmpl-${id}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: toolCall ? 'tool_calls' : 'stop' }],
			usage: usageChat,
		};
	}

	function response(body, record) {
		const id = ++seq;
		const { toolCall, text } = record.answer;
		const output = toolCall
			? [{ type: 'function_call', id: `fc_${id}`, call_id: `call_${id}`, name: toolCall.name, arguments: toolCall.arguments, status: 'completed' }]
			: [{ type: 'message', id: `msg_${id}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] }];
		return {
			id: `resp_${id}`,
			object: 'response',
			created_at: Math.floor(Date.now() / 1000),
			status: 'completed',
			error: null,
			incomplete_details: null,
			model: body.model,
			output,
			parallel_tool_calls: true,
			tool_choice: 'auto',
			tools: body.tools || [],
			usage: usageResponses,
		};
	}

	const server = http.createServer((req, res) => {
		let raw = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			const path = (req.url || '').split('?')[0];
			if (req.method === 'GET' && path.endsWith('/models')) return send(200, { object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model', owned_by: 'stub' }] });
			let body;
			try {
				body = JSON.parse(raw || '{}');
			} catch {
				return send(400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
			}
			const kind = path.endsWith('/chat/completions') ? 'chat' : path.endsWith('/responses') ? 'responses' : undefined;
			if (req.method !== 'POST' || !kind) return send(404, { error: { message: `the stub has no ${req.method} ${path}`, type: 'invalid_request_error' } });
			const record = decide(kind, body);
			record.path = path;
			if (body.stream) {
				record.stream = true;
				return send(400, { error: { message: 'the stub does not stream', type: 'invalid_request_error' } });
			}
			return send(200, kind === 'chat' ? chatCompletion(body, record) : response(body, record));
		});
	});

	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				/** The credential's Base URL. */
				baseUrl: `http://127.0.0.1:${port}/v1`,
				requests,
				FINAL_PREFIX,
				reset: () => requests.splice(0),
				close: () =>
					new Promise((r) => {
						server.closeAllConnections?.();
						server.close(() => r());
					}),
			});
		});
	});
}

module.exports = { startOpenAiStub, FINAL_PREFIX };
