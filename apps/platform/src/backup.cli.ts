import { runBackupCommand } from './backup/commands.js';

// `npm run backup -- --help`: a consistent backup of an embedded data directory (ADR 0030, docs/backup.md).
process.exit(await runBackupCommand(process.argv.slice(2)));
