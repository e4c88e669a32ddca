// n8n-core's InstanceSettings writes <N8N_USER_FOLDER>/.n8n/config; keep it out of the home folder.
const fs = require('fs');
const os = require('os');
const path = require('path');
process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-aai-test-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
