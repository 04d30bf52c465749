import { readConfig } from './config/api-config';
import { createApp, DOCS_PATH } from './app.factory';
import { describeStore } from './infrastructure/persistence';
import { ApiKeysService } from './keys/api-keys.service';
import { CheckpointService } from './log';
import { describeReadModels } from './projection/read-model-store';
import { webAppBuilt } from './web/web-app';

/**
 * `npm start`: the API on PORT (default 3000), records in AUXLEDGER_DB or
 * AUXLEDGER_PG_URL. Standard output carries the JSON log lines only (for a
 * log shipper); the start-up banner — where it listens, the stores, the
 * signing key, a first start's admin key — goes to standard error, for the
 * person starting it, and never into the log stream.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const base = `http://${config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host}:${config.port}`;
  process.stderr.write(
    [
      `AuxLedger API listening on ${base}/api (commands: POST ${base}/api/commands/<name>; queries: GET ${base}/api/roster, /api/people/<id>, /api/quota, /api/audit, /api/supervision, /api/organs, /api/recruitment-plans)`,
      ...(webAppBuilt() ? [`Dashboard: ${base}/ (sign in with an API key; a viewer key is enough)`] : []),
      `OpenAPI docs: ${base}/${DOCS_PATH} (JSON: ${base}/${DOCS_PATH}-json)`,
      `Health: ${base}/health, ${base}/health/ready`,
      `Records: ${describeStore(config.store)}`,
      `Read models: ${describeReadModels(config.readSide.store)} (projector ${config.readSide.projector === 'embedded' ? 'in this process' : 'off: run `auxledger project`'})`,
      `Checkpoints signed with ${app.get(CheckpointService).keyPath}${app.get(CheckpointService).keyCreated ? ' (created now: keep it out of version control and backed up apart)' : ''}; public key for auditors: ${app.get(CheckpointService).signer.text}`,
      '',
    ].join('\n'),
  );
  const generated = app.get(ApiKeysService).generatedAdminKey;
  if (generated) {
    process.stderr.write(
      [
        'First start: no API key existed and AUXLEDGER_ADMIN_KEY was not set, so an admin key was generated.',
        `  Admin key (shown this once; only its hash is stored): ${generated}`,
        `  Try: curl -H 'Authorization: Bearer ${generated}' ${base}/api/organs`,
        '',
      ].join('\n'),
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`AuxLedger API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
