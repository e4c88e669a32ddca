'use strict';
// A HubSpot-shaped receiver on 127.0.0.1 for the webhook-to-HubSpot example: it answers the CRM notes
// API (POST /crm/v3/objects/notes) the way HubSpot documents it, and refuses what HubSpot would refuse:
// no or a wrong private-app token (401), a body that is not JSON, a note without hs_timestamp or
// hs_note_body, or an association that is not "note to contact" (HUBSPOT_DEFINED, type 202) to a
// contact it knows (400). Every request is kept, accepted notes separately.
const http = require('http');

const NOTE_TO_CONTACT = 202;

/** Why HubSpot would refuse this note body, or undefined. */
function noteProblem(body, contacts) {
	if (!body || typeof body !== 'object') return 'the body is not a JSON object';
	const p = body.properties;
	if (!p || typeof p !== 'object') return 'no "properties" object';
	if (!p.hs_timestamp || Number.isNaN(Date.parse(p.hs_timestamp)) && !/^\d+$/.test(String(p.hs_timestamp))) return 'properties.hs_timestamp is missing or not a date';
	if (typeof p.hs_note_body !== 'string' || !p.hs_note_body.trim()) return 'properties.hs_note_body is missing or empty';
	const a = body.associations;
	if (!Array.isArray(a) || a.length === 0) return 'no "associations": the note would not show on any contact';
	for (const assoc of a) {
		const id = assoc?.to?.id;
		if (id === undefined || id === null || id === '') return 'an association without to.id';
		if (!contacts.has(String(id))) return `contact ${id} does not exist`;
		const types = assoc.types;
		if (!Array.isArray(types) || !types.some((t) => t?.associationCategory === 'HUBSPOT_DEFINED' && Number(t?.associationTypeId) === NOTE_TO_CONTACT))
			return `association to ${id} is not HUBSPOT_DEFINED type ${NOTE_TO_CONTACT} (note to contact): ${JSON.stringify(types)}`;
	}
	return undefined;
}

/**
 * @param {{token: string, contacts: string[]}} o the private-app token it accepts and the contacts that exist
 */
function startHubSpot({ token, contacts }) {
	const known = new Set(contacts.map(String));
	/** @type {{method: string, url: string, headers: object, body: string, json: any, status: number, problem?: string}[]} */
	const requests = [];
	/** @type {{id: string, properties: any, associations: any[], contactIds: string[]}[]} */
	const notes = [];
	let nextId = 90_000_000_001;
	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			let json;
			try {
				json = body ? JSON.parse(body) : undefined;
			} catch {
				json = undefined;
			}
			const entry = { method: req.method, url: req.url, headers: req.headers, body, json, status: 0 };
			requests.push(entry);
			const answer = (status, payload, problem) => {
				entry.status = status;
				if (problem) entry.problem = problem;
				res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
				res.end(JSON.stringify(payload));
			};
			const fail = (status, category, message) => answer(status, { status: 'error', message, correlationId: `e2e-${requests.length}`, category }, message);
			if (req.headers.authorization !== `Bearer ${token}`) return fail(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found.');
			if (req.method !== 'POST' || req.url.split('?')[0] !== '/crm/v3/objects/notes') return fail(404, 'OBJECT_NOT_FOUND', `No route for ${req.method} ${req.url}`);
			if (!/application\/json/i.test(req.headers['content-type'] || '')) return fail(415, 'VALIDATION_ERROR', 'Content-Type must be application/json');
			const problem = noteProblem(json, known);
			if (problem) return fail(400, 'VALIDATION_ERROR', problem);
			const id = String(nextId++);
			const now = new Date().toISOString();
			notes.push({ id, properties: json.properties, associations: json.associations, contactIds: json.associations.map((a) => String(a.to.id)) });
			return answer(201, {
				id,
				properties: { ...json.properties, hs_createdate: now, hs_lastmodifieddate: now, hs_object_id: id },
				createdAt: now,
				updatedAt: now,
				archived: false,
			});
		});
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({
				url: `http://127.0.0.1:${port}`,
				requests,
				notes,
				reset: () => {
					requests.splice(0);
					notes.splice(0);
				},
				close: () =>
					new Promise((r) => {
						server.closeAllConnections?.();
						server.close(() => r());
					}),
			});
		});
	});
}

module.exports = { startHubSpot, noteProblem };
