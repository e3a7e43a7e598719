import { sm2 } from 'sm-crypto';
import { canonicalJson } from '../../runtime/trail/canonical-json';
import { sm3Hex } from '../../runtime/trail/sm3';
import type { PersonalDataCipher } from '../identity/personal-data';
import { isDuplicateKey } from '../database/unique';
import type { AnchorDoc, MetaDoc } from './models';
import type { Collection } from 'mongodb';

/** Names the anchor format; part of every statement. */
// Present in sm-crypto, missing from its type definitions.
const publicKeyOf = (privateKey: string): string =>
  (sm2 as unknown as { getPublicKeyFromPrivateKey(k: string): string }).getPublicKeyFromPrivateKey(
    privateKey,
  );

export const ANCHOR_SCHEME = 'trail-anchor/sm3-sm2/v1';

/**
 * What is signed: the canonical JSON of the anchor without its signature (ASCII only), e.g.
 * {"at":"…","leafCount":3,"no":2,"prev":"…","root":"…","scheme":"trail-anchor/sm3-sm2/v1"}.
 */
export function statementOf(a: Omit<AnchorDoc, 'signature'>): string {
  return canonicalJson({
    at: a.at,
    leafCount: a.leafCount,
    no: a._id,
    prev: a.prev,
    root: a.root,
    scheme: a.scheme,
  });
}

/** An anchor's own hash, which the next anchor's `prev` holds. */
export const anchorHash = (a: Omit<AnchorDoc, 'signature'>): string => sm3Hex(statementOf(a));

/** SM2 with SM3 over Z ‖ M (GB/T 32918, user id 1234567812345678); r ‖ s as 128 hex digits. */
export function verifyAnchorSignature(a: AnchorDoc, publicKey: string): boolean {
  try {
    return sm2.doVerifySignature(statementOf(a), a.signature, publicKey, { hash: true });
  } catch {
    return false;
  }
}

export interface AnchorKey {
  publicKey: string;
  sign(statement: string): string;
}

export class AnchorKeyError extends Error {}

/**
 * The county's SM2 key pair: made on first use, the private key kept encrypted with DATA_KEY (as
 * personal data is), so a copy of the database alone cannot sign. The public key is derived from
 * the decrypted private key, never taken from the database: a key record swapped behind the
 * server's back fails here instead of verifying forged anchors.
 */
export async function loadAnchorKey(
  meta: Collection<MetaDoc>,
  cipher: PersonalDataCipher,
  options: { create?: boolean } = {},
): Promise<AnchorKey> {
  let stored = await meta.findOne({ _id: 'key' });
  if (!stored && options.create === false) throw new AnchorKeyError('库中没有锚定签名密钥');
  if (!stored) {
    const pair = sm2.generateKeyPairHex();
    try {
      await meta.insertOne({
        _id: 'key',
        publicKey: pair.publicKey,
        privateKey: cipher.encrypt(pair.privateKey),
        createdAt: new Date(),
      });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    stored = await meta.findOne({ _id: 'key' });
  }
  let privateKey: string;
  try {
    privateKey = cipher.decrypt(stored!.privateKey ?? '');
  } catch {
    throw new AnchorKeyError('锚定签名密钥无法用 DATA_KEY 解密：密钥记录被改动，或 DATA_KEY 不对');
  }
  if (!/^[0-9a-f]{64}$/.test(privateKey))
    throw new AnchorKeyError('锚定签名密钥无法用 DATA_KEY 解密：密钥记录被改动，或 DATA_KEY 不对');
  const publicKey = publicKeyOf(privateKey);
  if (stored!.publicKey !== publicKey)
    throw new AnchorKeyError('数据库中公布的锚定公钥与签名私钥不匹配：密钥记录被改动');
  return {
    publicKey,
    sign: (statement) => sm2.doSignature(statement, privateKey, { hash: true, publicKey }),
  };
}
