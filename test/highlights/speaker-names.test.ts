/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code runs in Node under jest, never inside n8n */
import * as fs from 'fs';
import * as path from 'path';
import { findHighlightsProblem, parseSpeakerNames, tellsSpeakers, type Transcript } from '../../nodes/AssemblyAiHighlights/highlights';
import { loadRealTranscript, loadStereoTranscript, syntheticTranscript } from './fixture';

describe('Speaker Names: label=name pairs', () => {
	it.each([
		['A=Agent, B=Customer', { A: 'Agent', B: 'Customer' }],
		['1=Agent, 2=Customer', { '1': 'Agent', '2': 'Customer' }],
		[' a = Agent Smith ,\n b=Customer ,', { A: 'Agent Smith', B: 'Customer' }],
		['1A=Agent\n2A=Customer\n', { '1A': 'Agent', '2A': 'Customer' }],
		['A=Agent, A=Agent', { A: 'Agent' }],
		['', {}],
	])('%j', (text, names) => {
		expect(parseSpeakerNames(text)).toEqual({ names });
	});

	it.each([
		['Agent', '"Agent" is not label=name'],
		['A Agent, B=Customer', '"A Agent" is not label=name'],
		['Speaker A=Agent', '"Speaker A" is not one of AssemblyAI\'s labels'],
		['=Agent', '"" is not one of AssemblyAI\'s labels'],
		['A=', '"A=" gives no name'],
		['A=Agent, a=Customer', 'a is named twice'],
	])('%j is refused: %s', (text, problem) => {
		const parsed = parseSpeakerNames(text);
		expect('problem' in parsed && parsed.problem).toContain(problem);
	});
});

describe('whether a transcript tells who spoke', () => {
	it('speaker labels or channels on its words', () => {
		expect(tellsSpeakers(loadRealTranscript())).toBe(true);
		expect(tellsSpeakers(loadStereoTranscript())).toBe(true);
		const plain = loadRealTranscript();
		for (const word of plain.words!) word.speaker = null;
		expect(tellsSpeakers(plain)).toBe(false);
		expect(tellsSpeakers(syntheticTranscript([], null))).toBe(false);
	});
});

describe('a deleted transcript', () => {
	it('is told apart from one made without key phrases', () => {
		const deleted = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../emulator/fixtures/transcript-deleted.json'), 'utf8')) as Transcript;
		expect(findHighlightsProblem(deleted)).toEqual({ kind: 'deleted' });
		expect(findHighlightsProblem({ ...loadRealTranscript(), auto_highlights: false, auto_highlights_result: null })).toEqual({ kind: 'notRequested' });
	});
});
