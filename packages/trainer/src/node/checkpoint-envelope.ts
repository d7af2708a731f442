import { createHash } from 'node:crypto';
import { ConfigError } from '@lab/tensor';
import { CHECKPOINT_FORMAT, fromDocument } from '../internal/checkpoint-document';
import { describeValue, isRecord } from '../internal/validate';
import type { Checkpoint } from '../resume';

/**
 * A checkpoint file is two parts: one header line, then the payload (the checkpoint document as
 * JSON, see checkpoint-document.ts) whose exact bytes the header's SHA-256 covers:
 *
 * ```text
 * {"format":"lab-checkpoint","integrity":"sha256","sha256":"<64 hex digits>","bytes":<payload length>}
 * {"format":"lab-checkpoint","version":1,…}
 * ```
 *
 * Hashing the bytes as written (not a re-serialization) means that any change to the file —
 * a flipped bit anywhere, a truncation, an appended byte — is either unreadable or a checksum
 * mismatch, never a different state that loads. Files written before the header existed (one
 * line, the document alone) still load, without the check.
 */
const INTEGRITY = 'sha256';

/** The file's bytes for a document already serialized to `payload` (one JSON line, with its newline). */
export function sealCheckpoint(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const header = { format: CHECKPOINT_FORMAT, integrity: INTEGRITY, sha256: sha256Hex(body), bytes: body.length };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, 'utf8'), body]);
}

/**
 * Checks a file's header and checksum and returns its payload, parsed.
 * @param source - the file, named first in every message
 * @throws ConfigError `<source>: damaged: …` for a checksum or length mismatch, or a header or
 *   payload that does not parse
 */
export function openCheckpoint(bytes: Uint8Array, source: string): unknown {
  const newline = bytes.indexOf(0x0a);
  const firstLine = Buffer.from(bytes.buffer, bytes.byteOffset, newline < 0 ? bytes.length : newline).toString('utf8');
  let header: unknown;
  try {
    header = JSON.parse(firstLine);
  } catch (error) {
    throw new ConfigError(`${source}: not valid JSON (a truncated, damaged or foreign file?): ${(error as Error).message}`);
  }
  if (!isRecord(header) || header.integrity === undefined) {
    // A file from before the header: the document alone, on one line, and nothing after it.
    const rest = newline < 0 ? '' : Buffer.from(bytes.subarray(newline + 1)).toString('utf8');
    if (rest.trim() !== '') throw new ConfigError(`${source}: damaged: unexpected data after the checkpoint`);
    return header;
  }
  if (header.format !== CHECKPOINT_FORMAT) {
    throw new ConfigError(`${source}: not a lab checkpoint (expected an object with format "${CHECKPOINT_FORMAT}")`);
  }
  if (header.integrity !== INTEGRITY) {
    throw new ConfigError(`${source}: damaged: integrity ${describeValue(header.integrity)}, expected "${INTEGRITY}"`);
  }
  const body = bytes.subarray(newline + 1);
  if (header.bytes !== body.length) {
    throw new ConfigError(`${source}: damaged: ${body.length} bytes after the header, which records ${describeValue(header.bytes)}`);
  }
  if (header.sha256 !== sha256Hex(body)) {
    throw new ConfigError(`${source}: damaged: the SHA-256 of its contents differs from the one it records`);
  }
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'));
  } catch (error) {
    throw new ConfigError(`${source}: not valid JSON after the header: ${(error as Error).message}`);
  }
}

/**
 * A checkpoint file's bytes → the checkpoint: {@link openCheckpoint}, then the document's validation.
 * @throws ConfigError `<source>: …`, one line
 */
export function decodeCheckpoint(bytes: Uint8Array, source: string): Checkpoint {
  return fromDocument(openCheckpoint(bytes, source), source);
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
