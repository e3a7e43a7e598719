import type { Collection } from 'mongodb';
import { sm2 } from 'sm-crypto';
import { isDuplicateKey } from '../database/unique';
import type { PersonalDataCipher } from '../identity/personal-data';

/** What a signed document keeps of its seal and signature (docs/documents.md, GB/T 38540). */
export interface SealRecord {
  scheme: 'local-sm2/v1' | string;
  sealId: string;
  /** 印章持有者: the department. */
  holder: string;
  /** Seal serial printed under the star. */
  code: string;
  /** SM2 public key (uncompressed, hex) the signature verifies with. */
  publicKey: string;
  /** SM2 with SM3 (user id 1234567812345678) over the PDF's SM3 digest (hex), r‖s as hex. */
  signature: string;
  signedAt: string;
}

/**
 * A seal service: signs a document's digest with a department's seal. The platform's own
 * (LocalSealService) keeps an SM2 key per department; a county with a certified 电子印章 system
 * plugs in its own implementation (docs/documents.md).
 */
export interface SealService {
  /** The seal's holder and code, drawn on the PDF before the digest is taken. */
  mark(department: { id: string; name: string }): Promise<{ holder: string; code: string }>;
  sign(department: { id: string; name: string }, sm3Digest: string, at: Date): Promise<SealRecord>;
  verify(record: SealRecord, sm3Digest: string): boolean;
}

interface SealDoc {
  _id: string;
  holder: string;
  code: string;
  publicKey: string;
  /** SM4-encrypted with DATA_KEY, as personal data is: never leaves the server. */
  privateKey: string;
  createdAt: Date;
}

const publicKeyOf = (privateKey: string): string =>
  (sm2 as unknown as { getPublicKeyFromPrivateKey(k: string): string }).getPublicKeyFromPrivateKey(
    privateKey,
  );

export class LocalSealService implements SealService {
  private readonly keys = new Map<string, Promise<SealDoc & { plain: string }>>();

  constructor(
    private readonly seals: Collection<SealDoc>,
    private readonly cipher: PersonalDataCipher,
  ) {}

  private seal(department: { id: string; name: string }) {
    let hit = this.keys.get(department.id);
    if (!hit) {
      hit = this.load(department);
      this.keys.set(department.id, hit);
      hit.catch(() => this.keys.delete(department.id));
    }
    return hit;
  }

  /** Made on first use; the public key is derived from the decrypted private key, never trusted. */
  private async load(department: { id: string; name: string }) {
    let stored = await this.seals.findOne({ _id: department.id });
    if (!stored) {
      const pair = sm2.generateKeyPairHex();
      try {
        await this.seals.insertOne({
          _id: department.id,
          holder: department.name,
          code: pair.publicKey.slice(2, 14).toUpperCase(),
          publicKey: pair.publicKey,
          privateKey: this.cipher.encrypt(pair.privateKey),
          createdAt: new Date(),
        });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      stored = await this.seals.findOne({ _id: department.id });
    }
    const plain = this.cipher.decrypt(stored!.privateKey);
    if (!/^[0-9a-f]{64}$/.test(plain) || publicKeyOf(plain) !== stored!.publicKey)
      throw new Error(`${department.name}的印章密钥记录被改动，或 DATA_KEY 不对`);
    return { ...stored!, plain };
  }

  async mark(department: { id: string; name: string }) {
    const s = await this.seal(department);
    return { holder: s.holder, code: s.code };
  }

  async sign(department: { id: string; name: string }, sm3Digest: string, at: Date) {
    const s = await this.seal(department);
    return {
      scheme: 'local-sm2/v1',
      sealId: s._id,
      holder: s.holder,
      code: s.code,
      publicKey: s.publicKey,
      signature: sm2.doSignature(sm3Digest, s.plain, { hash: true, publicKey: s.publicKey }),
      signedAt: at.toISOString(),
    };
  }

  verify(record: SealRecord, sm3Digest: string): boolean {
    try {
      return sm2.doVerifySignature(sm3Digest, record.signature, record.publicKey, { hash: true });
    } catch {
      return false;
    }
  }
}
