import { updateDisplayOptions } from 'n8n-workflow';
import { transcriptIdProperty } from '../transcriptId';

export const deleteTranscriptProperties = updateDisplayOptions({ show: { operation: ['deleteTranscript'] } }, [
	{ ...transcriptIdProperty, description: 'The transcript to delete' },
]);
