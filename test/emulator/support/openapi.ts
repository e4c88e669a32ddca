/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
/**
 * Validates response bodies against the official AssemblyAI OpenAPI 3.1 spec (fixtures/openapi.yml), using the
 * schema the spec declares for a path + method + status, and reports each violation as a short signature so
 * tests can compare the emulator's deviations with those of real recorded responses.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as yaml from 'js-yaml';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any shape
type Json = Record<string, any>;
export type Method = 'get' | 'post' | 'delete';

const escapePointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

export const FIXTURES = path.resolve(__dirname, '../fixtures');
/** The spec as AssemblyAI publishes it (fixtures/openapi.yml, verbatim). */
export const publishedSpec = yaml.load(readFileSync(path.join(FIXTURES, 'openapi.yml'), 'utf8')) as Json;

/**
 * Schema types that are not JSON Schema types, where they sit in the published spec, and what they surely mean.
 * Ajv refuses to compile a schema holding one, so the validator reads a copy with these repaired; the conformance
 * test checks that the published spec holds exactly these (and so notices when AssemblyAI fixes or adds one).
 */
export const SPEC_TYPE_REPAIRS: Record<string, { published: string; repaired: string }> = {
	'#/components/schemas/ActionItemsRequestBody/properties/action_items/properties/include_decisions': {
		published: 'bool',
		repaired: 'boolean',
	},
};

const JSON_SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** JSON pointers (`#/...`) of schemas whose `type` is not a JSON Schema type, with that type. */
export function invalidSchemaTypes(node: unknown, pointer = '#'): Record<string, string> {
	const found: Record<string, string> = {};
	if (Array.isArray(node)) {
		node.forEach((child, i) => Object.assign(found, invalidSchemaTypes(child, `${pointer}/${i}`)));
	} else if (node && typeof node === 'object') {
		const type = (node as Json).type;
		const types = Array.isArray(type) ? type : [type];
		// securitySchemes use `type` for something else (apiKey).
		if (typeof type !== 'undefined' && !pointer.startsWith('#/components/securitySchemes/') && types.some((t) => typeof t === 'string' && !JSON_SCHEMA_TYPES.has(t))) {
			found[pointer] = String(type);
		}
		for (const [key, child] of Object.entries(node)) Object.assign(found, invalidSchemaTypes(child, `${pointer}/${escapePointer(key)}`));
	}
	return found;
}

/** The published spec with SPEC_TYPE_REPAIRS applied: what the validator reads. */
export const spec: Json = structuredClone(publishedSpec);
for (const [pointer, { repaired }] of Object.entries(SPEC_TYPE_REPAIRS)) {
	const target = pointer
		.slice(2)
		.split('/')
		.map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'))
		.reduce((node: Json | undefined, key) => node?.[key], spec);
	if (target) target.type = repaired;
}

export function recorded(name: string): Json {
	return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}

// strict: false lets Ajv ignore OpenAPI-only keywords (`example`, `discriminator`, `x-*`) instead of throwing.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// `url` is an OpenAPI/AssemblyAI format, not a JSON Schema one. ajv-formats' `url` is a regex that rejects
// loopback and private IP hosts and hosts without a TLD, so it would reject every emulator URL
// (http://127.0.0.1:PORT/...). Here `url` means what the WHATWG URL parser accepts as an absolute http(s) URL.
ajv.addFormat('url', (value: string) => {
	try {
		return ['http:', 'https:'].includes(new URL(value).protocol);
	} catch {
		return false;
	}
});
ajv.addSchema({ ...spec, $id: 'spec' });


/** The response the spec declares for this operation's status, following a `$ref` into components.responses. */
function declaredResponse(apiPath: string, method: Method, status: number): { segments: string[]; response: Json } {
	const operation = spec.paths?.[apiPath]?.[method];
	if (!operation) throw new Error(`spec has no ${method.toUpperCase()} ${apiPath}`);
	let segments = ['paths', apiPath, method, 'responses', String(status)];
	let response = operation.responses?.[String(status)];
	if (!response) throw new Error(`spec declares no ${status} for ${method.toUpperCase()} ${apiPath}`);
	if (response.$ref) {
		segments = String(response.$ref).replace(/^#\//, '').split('/');
		response = segments.reduce((node: Json, key) => node[key], spec);
	}
	return { segments, response };
}

/** The media types the spec declares for this operation's status (none for 503, 504). */
export function declaredMediaTypes(apiPath: string, method: Method, status: number): string[] {
	return Object.keys(declaredResponse(apiPath, method, status).response.content ?? {});
}

/**
 * JSON pointer (inside `spec`) of the body schema declared for this operation's status and media type,
 * following a `$ref` into components.responses; null when the spec declares no body (503, 504).
 */
export function responseSchemaPointer(apiPath: string, method: Method, status: number, mediaType = 'application/json'): string | null {
	const { segments, response } = declaredResponse(apiPath, method, status);
	if (!response.content?.[mediaType]?.schema) return null;
	return '#/' + [...segments, 'content', mediaType, 'schema'].map(escapePointer).join('/');
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(pointer: string): ValidateFunction {
	let validate = validators.get(pointer);
	if (!validate) {
		validate = ajv.compile({ $ref: `spec${pointer}` });
		validators.set(pointer, validate);
	}
	return validate;
}

/** `<instance path, array indexes as *> <keyword>[:<property or format>]`, e.g. `/ additionalProperties:project_id`. */
export function signature(error: ErrorObject): string {
	const where = error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '/';
	const p = error.params as Json;
	const detail =
		error.keyword === 'additionalProperties'
			? `:${p.additionalProperty}`
			: error.keyword === 'required'
				? `:${p.missingProperty}`
				: error.keyword === 'format'
					? `:${p.format}`
					: '';
	return `${where} ${error.keyword}${detail}`;
}

/** Sorted, de-duplicated violation signatures of `body` against a schema pointer. */
export function violationsOf(pointer: string, body: unknown): string[] {
	const validate = validatorFor(pointer);
	if (validate(body)) return [];
	return [...new Set((validate.errors ?? []).map(signature))].sort();
}

/** Violations of a response body against what the spec declares for path + method + status (+ media type). */
export function specViolations(apiPath: string, method: Method, status: number, body: unknown, mediaType = 'application/json'): string[] {
	const pointer = responseSchemaPointer(apiPath, method, status, mediaType);
	if (pointer === null) {
		if (body === undefined || body === '') return [];
		return ['/ spec declares no body'];
	}
	return violationsOf(pointer, body);
}

export const componentSchema = (name: string) => `#/components/schemas/${escapePointer(name)}`;
export const componentResponse = (name: string) =>
	`#/components/responses/${escapePointer(name)}/content/${escapePointer('application/json')}/schema`;
