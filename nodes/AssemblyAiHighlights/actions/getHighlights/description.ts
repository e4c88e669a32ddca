import { updateDisplayOptions } from 'n8n-workflow';
import { transcriptIdProperty } from '../transcriptId';

export const getHighlightsProperties = updateDisplayOptions({ show: { operation: ['getHighlights'] } }, [transcriptIdProperty]);
