import { sql } from 'kysely';
import { canonicalJson } from '../../../shared/canonical-json.js';
import type { VerifyReport } from '../../../shared/schemas/audit.js';
import type { Config } from '../../config.js';
import type { Db, TableName } from '../../db/schema.js';
import { auditedTables, eventHash, hashAlgorithmOf, projectRow } from './audit.js';
import { eventsFrom, latestCheckpoint } from './audit.queries.js';
import { merkleHash } from './hash.js';
import { fromHex, MerkleAccumulator, toHex } from '../../../shared/merkle.js';
import { digestHex, GENESIS_HASH } from './hash.js';
import { loadInstanceKey, verifyCheckpointSignature } from './instance-key.js';

type Problem = VerifyReport['problems'][number];

/**
 * The last recorded state of a row, packed into one string to keep a county's millions of
 * rows in memory: `<seq in base 36>:<sha-256 of the state in base64>`, or `<seq>:` when the
 * last event deleted it.
 */
function packState(seq: number, after: unknown): string {
  return `${seq.toString(36)}:${after === null ? '' : stateDigest(after)}`;
}

function unpackState(state: string): { seq: number; digest: string | null } {
  const colon = state.indexOf(':');
  const digest = state.slice(colon + 1);
  return { seq: parseInt(state.slice(0, colon), 36), digest: digest === '' ? null : digest };
}

function stateDigest(state: unknown): string {
  return Buffer.from(digestHex('sha256', canonicalJson(state)), 'hex').toString('base64');
}

/**
 * Recompute the whole chain, check the latest signed checkpoint against it, and compare
 * every audited row with the state its last event recorded. Names the first bad sequence
 * number when anything was changed, deleted or inserted behind the platform's back.
 */
export async function verifyAudit(db: Db, config: Config): Promise<VerifyReport> {
  const algorithm = hashAlgorithmOf(db);
  const problems: Problem[] = [];
  const tables = auditedTables();
  const last = new Map<string, string>();
  // The chain is folded into the checkpoint's Merkle root as it streams past.
  const checkpoint = await latestCheckpoint(db);
  const merkle = new MerkleAccumulator(merkleHash(algorithm));
  let checkpointRoot: string | null = null;
  let expected = 1;
  let chainLength = 0;
  let prevHash = GENESIS_HASH;

  for (;;) {
    const batch = await eventsFrom(db, expected - 1, 5000);
    if (batch.length === 0) break;
    for (const event of batch) {
      if (event.seq !== expected) {
        problems.push({
          kind: 'gap',
          seq: expected,
          entity: null,
          entityId: null,
          message: `events ${expected}..${event.seq - 1} are missing`,
        });
        prevHash = event.prev_hash;
        expected = event.seq;
      }
      const { hash, ...rest } = event;
      if (event.prev_hash !== prevHash || eventHash(algorithm, rest) !== hash) {
        problems.push({
          kind: 'chain',
          seq: event.seq,
          entity: event.entity,
          entityId: event.entity_id,
          message: `event ${event.seq} does not match its hash or its predecessor`,
        });
      }
      if (tables.has(event.entity)) {
        const data = parseData(event.data);
        if (data && 'after' in data) {
          last.set(`${event.entity}\u0000${event.entity_id}`, packState(event.seq, data.after));
        }
      }
      if (checkpoint && merkle.count < checkpoint.size) {
        await merkle.push(fromHex(hash));
        if (merkle.count === checkpoint.size) checkpointRoot = toHex(await merkle.root());
      }
      chainLength++;
      prevHash = hash;
      expected = event.seq + 1;
    }
  }

  if (checkpoint) {
    const key = loadInstanceKey(config.dataDir);
    if (checkpoint.key_id !== key.keyId || !verifyCheckpointSignature(key, checkpoint)) {
      problems.push({
        kind: 'checkpoint',
        seq: null,
        entity: null,
        entityId: null,
        message: `checkpoint ${checkpoint.size} has a bad signature`,
      });
    } else if (checkpoint.size > chainLength) {
      problems.push({
        kind: 'checkpoint',
        seq: chainLength + 1,
        entity: null,
        entityId: null,
        message: `the chain is shorter (${chainLength}) than checkpoint ${checkpoint.size}`,
      });
    } else if (checkpointRoot !== checkpoint.root) {
      problems.push({
        kind: 'checkpoint',
        seq: null,
        entity: null,
        entityId: null,
        message: `the first ${checkpoint.size} events no longer match checkpoint ${checkpoint.size}`,
      });
    }
  }

  let checkedRows = 0;
  for (const [table, spec] of tables) {
    let after: string | null = null;
    for (;;) {
      let query = db
        .selectFrom(table as TableName)
        .selectAll()
        .orderBy(sql.ref(spec.key))
        .limit(5000);
      if (after !== null) query = query.where(sql.ref(spec.key), '>', after);
      const rows = (await query.execute()) as Record<string, unknown>[];
      if (rows.length === 0) break;
      for (const row of rows) {
        checkedRows++;
        const id = String(row[spec.key]);
        const key = `${table}\u0000${id}`;
        const packed = last.get(key);
        const state = packed === undefined ? undefined : unpackState(packed);
        const digest = stateDigest(projectRow(algorithm, table, row));
        if (!state || state.digest === null) {
          problems.push({
            kind: 'rowUnaudited',
            seq: null,
            entity: table,
            entityId: id,
            message: `${table} ${id} exists but no event created it`,
          });
        } else if (state.digest !== digest) {
          problems.push({
            kind: 'rowChanged',
            seq: state.seq,
            entity: table,
            entityId: id,
            message: `${table} ${id} differs from event ${state.seq}`,
          });
        }
        last.delete(key);
      }
      after = String(rows[rows.length - 1]?.[spec.key]);
    }
  }
  for (const [key, packed] of last) {
    const state = unpackState(packed);
    if (state.digest === null) continue;
    const [entity, entityId] = key.split('\u0000') as [string, string];
    problems.push({
      kind: 'rowDeleted',
      seq: state.seq,
      entity,
      entityId,
      message: `${entity} ${entityId} recorded by event ${state.seq} is gone`,
    });
  }

  const seqs = problems.map((p) => p.seq).filter((s): s is number => s !== null);
  return {
    ok: problems.length === 0,
    checkedEvents: chainLength,
    checkedRows,
    firstBadSeq: seqs.length ? Math.min(...seqs) : null,
    problems,
  };
}

function parseData(text: string): { after?: unknown } | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}
