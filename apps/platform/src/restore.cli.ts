import { runRestoreCommand } from './backup/commands.js';

// `npm run restore -- --help`: a backup back into an embedded data directory, erasures intact (ADR 0030).
process.exit(await runRestoreCommand(process.argv.slice(2)));
