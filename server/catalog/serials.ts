import type { Types } from 'mongoose';
import { buildItemCode, MAX_SERIAL } from '../../runtime/catalog/item-code';
import type { ItemType } from '../../runtime/catalog/item-types';
import { AppError } from '../http/errors';
import type { ItemSerialCounterModel, ItemSerialModel } from './serial-model';
import { isDuplicateKey } from '../database/unique';

export interface SerialDeps {
  itemSerials: ItemSerialModel;
  itemSerialCounters: ItemSerialCounterModel;
}

/** Splits a subject code into the parts buildItemCode checks. */
function codeFor(subjectCode: string, type: ItemType, serial: number): string {
  return buildItemCode({
    countyCode: subjectCode.slice(0, 6),
    townshipCode: subjectCode.slice(6, 8),
    deptCode: subjectCode.slice(8, 10),
    type,
    serial,
  });
}

/**
 * The item's code (CAT-4). An insert of the serial's own document is what claims it, so two
 * approvals can never take the same serial whatever the database does with concurrent updates;
 * the counter only says where to start. A retry for the same item gets the serial it already has.
 */
export async function assignCode(
  deps: SerialDeps,
  item: { _id: Types.ObjectId; subjectCode: string; type: ItemType },
): Promise<string> {
  const earlier = await deps.itemSerials.findOne({ itemId: item._id }).lean().exec();
  if (earlier) return earlier._id;
  const key = `${item.subjectCode}-${item.type}`;
  const counter = await deps.itemSerialCounters.findById(key).lean().exec();
  for (let serial = counter?.next ?? 1; serial <= MAX_SERIAL; serial++) {
    const code = codeFor(item.subjectCode, item.type, serial);
    try {
      await deps.itemSerials.create({
        _id: code,
        subjectCode: item.subjectCode,
        type: item.type,
        serial,
        itemId: item._id,
        at: new Date(),
      });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    await deps.itemSerialCounters
      .updateOne({ _id: key }, { $max: { next: serial + 1 } }, { upsert: true })
      .exec();
    return code;
  }
  throw new AppError(
    409,
    'serials_exhausted',
    `办理主体 ${item.subjectCode} 的 ${item.type} 类事项序号已用尽`,
  );
}
