'use strict';
// Static check of workflow JSON against the node descriptions an installed n8n ships
// (n8n-nodes-base/dist/types/nodes.json) and against our built node: every node type and
// typeVersion exists, every parameter name is one the node declares, and every fixed value of an
// options parameter is one of its options. It catches typos that n8n itself would silently keep.
const fs = require('fs');
const path = require('path');

const BASE = 'n8n-nodes-base.';
const LANGCHAIN = '@n8n/n8n-nodes-langchain.';

/**
 * The AI Agent tool n8n makes of a node marked usableAsTool (n8n's convertNodeToAiTool): the type
 * name with "Tool" appended; n8n adds its own Tool Description parameters unless the node declares
 * `toolDescription`.
 */
function toolVariant(d) {
	const own = d.properties.some((p) => p.name === 'toolDescription');
	const added = own ? [] : [{ name: 'descriptionType', type: 'options', options: [{ value: 'auto' }, { value: 'manual' }] }, { name: 'toolDescription', type: 'string' }];
	return { ...d, name: `${d.name}Tool`, properties: [...d.properties, ...added] };
}

function loadDescriptions(n8nDir, ourPackageDir, ourPackageName) {
	/** @type {Map<string, any[]>} */
	const byType = new Map();
	const add = (type, d) => {
		if (!byType.has(type)) byType.set(type, []);
		byType.get(type).push(d);
	};
	for (const [prefix, pkg] of [
		[BASE, 'n8n-nodes-base'],
		[LANGCHAIN, path.join('@n8n', 'n8n-nodes-langchain')],
	]) {
		const nodesJson = path.join(n8nDir, 'node_modules', pkg, 'dist', 'types', 'nodes.json');
		if (!fs.existsSync(nodesJson)) continue;
		for (const d of JSON.parse(fs.readFileSync(nodesJson, 'utf8'))) {
			add(prefix + d.name, d);
			if (d.usableAsTool) add(`${prefix}${d.name}Tool`, toolVariant(d));
		}
	}
	const pkg = JSON.parse(fs.readFileSync(path.join(ourPackageDir, 'package.json'), 'utf8'));
	for (const rel of pkg.n8n.nodes) {
		const mod = require(path.join(ourPackageDir, rel));
		for (const Cls of Object.values(mod)) {
			if (typeof Cls !== 'function') continue;
			const inst = new Cls();
			if (!inst.description) continue;
			byType.set(`${ourPackageName}.${inst.description.name}`, [inst.description]);
			if (inst.description.usableAsTool) byType.set(`${ourPackageName}.${inst.description.name}Tool`, [toolVariant(inst.description)]);
		}
	}
	return byType;
}

function versionsOf(d) {
	return Array.isArray(d.version) ? d.version : [d.version];
}

/** @returns {string[]} problems */
function checkWorkflow(workflow, byType) {
	const problems = [];
	for (const node of workflow.nodes) {
		const descs = byType.get(node.type);
		if (!descs) {
			problems.push(`${node.name}: unknown node type ${node.type}`);
			continue;
		}
		const desc = descs.find((d) => versionsOf(d).includes(node.typeVersion));
		if (!desc) {
			problems.push(`${node.name}: ${node.type} has no typeVersion ${node.typeVersion} (has ${descs.map((d) => versionsOf(d).join(',')).join(' / ')})`);
			continue;
		}
		for (const [key, value] of Object.entries(node.parameters || {})) {
			const props = desc.properties.filter((p) => p.name === key);
			if (props.length === 0) {
				problems.push(`${node.name}: ${node.type} v${node.typeVersion} has no parameter "${key}"`);
				continue;
			}
			const optionProps = props.filter((p) => p.type === 'options');
			if (optionProps.length === props.length && typeof value === 'string' && !value.startsWith('=')) {
				const allowed = optionProps.flatMap((p) => p.options.map((o) => o.value));
				if (!allowed.includes(value)) problems.push(`${node.name}: "${key}" = "${value}" is not one of ${allowed.join(', ')}`);
			}
			const collections = props.filter((p) => p.type === 'collection' || p.type === 'fixedCollection');
			if (collections.length === props.length && value && typeof value === 'object' && !Array.isArray(value)) {
				const inner = new Set(collections.flatMap((p) => (p.options || []).map((o) => o.name)));
				for (const k of Object.keys(value)) {
					if (!inner.has(k)) problems.push(`${node.name}: "${key}" has no option "${k}"`);
				}
			}
		}
	}
	return problems;
}

module.exports = { loadDescriptions, checkWorkflow };
