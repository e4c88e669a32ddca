import type { IBinaryData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { MAX_UPLOAD_BYTES, uploadAudio } from '../../transport/assemblyAi';
import { isHttpUrl } from './params';

/** Where an item's recording is: a URL AssemblyAI fetches, or a binary we upload. */
export type AudioSource =
	| { kind: 'url'; url: string }
	| { kind: 'binary'; property: string; binary: IBinaryData; byteLength?: number };

/** Checks an item's audio before anything is uploaded or paid for. */
export async function readAudioSource(
	ctx: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<AudioSource> {
	const node = ctx.getNode();
	const source = ctx.getNodeParameter('source', itemIndex, 'binary') as string;
	if (source === 'url') {
		const url = String(ctx.getNodeParameter('audioUrl', itemIndex, '') ?? '').trim();
		if (!url) {
			throw new NodeOperationError(node, 'Audio URL is empty', {
				itemIndex,
				description: 'Give a public http(s) link to the recording, or map one from the previous node.',
			});
		}
		if (!isHttpUrl(url)) {
			throw new NodeOperationError(node, `Audio URL "${url}" is not an http(s) URL`, {
				itemIndex,
				description:
					'AssemblyAI downloads the recording itself, so it needs a public http:// or https:// link. For a file in n8n, set Audio Source to Binary File.',
			});
		}
		return { kind: 'url', url };
	}

	const property = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	const binaries = item.binary ?? {};
	const binary = binaries[property];
	if (!binary) {
		const present = Object.keys(binaries);
		throw new NodeOperationError(node, `Item ${itemIndex + 1} has no binary field "${property}"`, {
			itemIndex,
			description: present.length
				? `Its binary fields are: ${present.join(', ')}. Set Input Binary Field to the one that holds the recording.`
				: 'It carries no binary data at all. Put a node that reads or downloads the recording before this one (Read/Write Files from Disk, HTTP Request, Google Drive…), or set Audio Source to URL.',
		});
	}
	const byteLength = binary.id ? (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize : (base64Bytes(binary.data) ?? 0);
	const name = binary.fileName ?? 'The file';
	if (byteLength === 0) {
		throw new NodeOperationError(node, `The file in binary field "${property}" is empty`, {
			itemIndex,
			description: `${name} has 0 bytes, so there is nothing to transcribe. Check the node that produced it.`,
		});
	}
	if (byteLength !== undefined && byteLength > MAX_UPLOAD_BYTES) {
		const gb = (bytes: number) => `${+(bytes / 1e9).toFixed(2)} GB`;
		throw new NodeOperationError(node, `The file in binary field "${property}" is ${gb(byteLength)}, over AssemblyAI's upload limit of ${gb(MAX_UPLOAD_BYTES)}`, {
			itemIndex,
			description: `${name} was not uploaded, and no item was sent to AssemblyAI. AssemblyAI downloads files of up to 5 GB itself: put the recording where it can be downloaded (a public or pre-signed link) and set Audio Source to URL, or make it smaller (mono, a compressed format).`,
		});
	}
	return { kind: 'binary', property, binary, byteLength };
}

/** The size of base64-encoded data (how n8n holds a binary in memory). */
function base64Bytes(data: string | undefined): number | undefined {
	if (typeof data !== 'string') return undefined;
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

/**
 * The audio_url for the transcript: the URL as given, or the upload_url of the uploaded binary.
 * A binary stored by id (filesystem or S3 mode) is streamed, so a long recording never sits in memory.
 */
export async function resolveAudioUrl(ctx: IExecuteFunctions, audio: AudioSource, itemIndex: number): Promise<string> {
	if (audio.kind === 'url') return audio.url;
	const { binary, property, byteLength } = audio;
	if (binary.id) {
		const id = binary.id;
		return await uploadAudio(ctx, async () => await ctx.helpers.getBinaryStream(id), byteLength, itemIndex);
	}
	const buffer = await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
	if (buffer.length === 0) {
		throw new NodeOperationError(ctx.getNode(), `The file in binary field "${property}" is empty`, {
			itemIndex,
			description: 'It has 0 bytes, so there is nothing to transcribe. Check the node that produced it.',
		});
	}
	return await uploadAudio(ctx, async () => buffer, buffer.length, itemIndex);
}
