import { type Command, Option } from 'commander';
import { L } from './lang';
import type { Output } from './output';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The auditor's commands on the log's integrity, registered by main.ts:
 * verify, digest, signing-key, prove inclusion | consistency (ADR 0002, 0005).
 * Their work is loaded only when one of them runs (verify-command.ts,
 * prove-handlers.ts): `--help` and `--version` load no library.
 */
export function registerLogIntegrityCommands(program: Command, logOptions: (command: Command) => Command, io: Output, setExitCode: (code: number) => void): void {
  const keyOptions = (command: Command) =>
    command
      .option('--signing-key <file>', L('本部署的签名密钥文件（默认 AUXLEDGER_SIGNING_KEY，否则为 SQLite 记录库旁的 <库名>.signing.key）', 'the deployment’s signing key file (default AUXLEDGER_SIGNING_KEY, else <log name>.signing.key beside the SQLite log)'))
      .option('--origin <name>', L('日志的来源名，即密钥名（默认 AUXLEDGER_LOG_ORIGIN，否则 auxledger.local/log）', 'the log’s origin, the key’s name (default AUXLEDGER_LOG_ORIGIN, else auxledger.local/log)'));
  const verifierOption = (command: Command) =>
    keyOptions(command).option(
      '--key <vkey|file>',
      L(
        '核验签名所用的公钥（<名称>+<编号>+<公钥>，即 signing-key 的输出）或含公钥的文件；密钥轮换时可重复（默认 AUXLEDGER_VERIFIER_KEY）',
        'the public key to check signatures with (<name>+<id>+<key>, as `signing-key` prints it), or a file of them; repeat for rotated keys (default AUXLEDGER_VERIFIER_KEY)',
      ),
      collect,
    );

  verifierOption(logOptions(program.command('verify')))
    .description(L('核验日志的每一个哈希链接、默克尔树及保存的检查点；发现问题时以退出码 1 指出每个被破坏的事件，或日志从何处起不再相符', 'check every hash link of the log, its Merkle tree, and saved checkpoints; exit 1 naming each broken event, or where the log stops matching'))
    .option('--against <file>', L('先前保存的检查点（digest 的输出）：签名检查点或旧式 JSON 检查点；可重复，组成序列', 'a checkpoint kept earlier (`digest`): a signed checkpoint, or the old JSON one; repeat for a series'), collect)
    .option('--json', L('完整报告，JSON 格式', 'the full report as JSON'))
    .action(async (options) => setExitCode(await (await import('./verify-command')).verifyCommand(options, io)));

  keyOptions(logOptions(program.command('digest')))
    .description(L('日志最新的签名检查点（来源、规模、默克尔根、时间、Ed25519 签名），供审计人员留存', 'the latest signed checkpoint of the log (origin, size, Merkle root, time, Ed25519 signature) for an auditor to keep'))
    .option('--out <file>', L('写入文件', 'write it to a file'))
    .option('--new', L('现在用签名密钥签一个新的检查点并存入日志', 'sign a new one now with the signing key and store it in the log'))
    .option('--chain', L('改为输出旧式哈希链 JSON 检查点（位置、事件数、摘要）', 'the old JSON checkpoint of the hash chain instead (position, event count, digest)'))
    .action(async (options) => setExitCode(await (await import('./verify-command')).digestCommand(options, io)));

  keyOptions(program.command('signing-key'))
    .description(L('检查点签名所用的公钥，交给审计人员（<名称>+<密钥编号>+<base64 公钥>）', 'the public key checkpoints are signed with, to give auditors (<name>+<key id>+<base64 key>)'))
    .option('--db <file>', L('密钥所在的 SQLite 记录库（用于默认密钥文件）', 'the SQLite log the key sits beside (for the default key file)'))
    .option('--out <file>', L('写入文件', 'write it to a file'))
    .action(async (options) => setExitCode((await import('./prove-handlers')).signingKeyCommand(options, io)));

  const prove = program.command('prove').description(L('依据签名检查点，从日志生成并核验 RFC 9162 证明', 'RFC 9162 proofs from the log, checked against signed checkpoints'));
  verifierOption(logOptions(prove.command('inclusion')))
    .description(L('证明某一事件（按全局位置或事件编号）在签名检查点所覆盖的日志中；打印并核验证明', 'prove that one event (by global position or event id) is in the log a signed checkpoint covers; print the proof and check it'))
    .argument('<event>', L('全局位置或事件编号', 'a global position, or an event id'))
    .addOption(new Option('--checkpoint <file>', L('签名检查点', 'the signed checkpoint')).makeOptionMandatory())
    .option('--json', L('JSON 格式', 'as JSON'))
    .action(async (event: string, options) => setExitCode(await (await import('./prove-handlers')).proveInclusionCommand(event, options, io)));
  verifierOption(logOptions(prove.command('consistency')))
    .description(L('证明较早签名检查点的日志是较晚检查点日志的前缀（没有改写或删除）；打印并核验证明', 'prove that the log of an earlier signed checkpoint is a prefix of a later one (nothing rewritten or removed); print the proof and check it'))
    .addOption(new Option('--from <file>', L('较早的签名检查点', 'the earlier signed checkpoint')).makeOptionMandatory())
    .addOption(new Option('--to <file>', L('较晚的签名检查点', 'the later signed checkpoint')).makeOptionMandatory())
    .option('--json', L('JSON 格式', 'as JSON'))
    .action(async (options) => setExitCode(await (await import('./prove-handlers')).proveConsistencyCommand(options, io)));
}
