import type { ItemModel } from '../server/catalog/item-model';
import { ensureThemes } from '../server/portal/themes';
import { themeModel } from '../server/portal/models';

/** Which demo items a life event lists (POR-2), by words of their names. */
const BY_NAME: [theme: string, words: string[]][] = [
  ['start-business', ['营业执照', '企业名称', '食品经营', '公共场所卫生']],
  ['employment', ['就业', '失业', '从业资格']],
  ['marriage', ['婚姻', '结婚']],
  ['social-security', ['最低生活保障', '临时救助', '失业保险']],
  ['safety', ['危险化学品', '安全生产']],
  ['construction', ['建设工程', '施工许可', '竣工验收', '投资项目']],
  ['transport', ['出租汽车', '道路运输']],
];

/** Puts the demo catalog's items into the portal's themes, as clerks would in the studio. */
export async function seedDemoThemes(items: ItemModel, say: (m: string) => void): Promise<void> {
  const themes = themeModel(items.db);
  await ensureThemes(themes);
  const all = await items.find({}).select({ name: 1 }).lean().exec();
  let assigned = 0;
  for (const [theme, words] of BY_NAME) {
    const ids = all.filter((i) => words.some((w) => i.name.includes(w))).map((i) => String(i._id));
    if (!ids.length) continue;
    await themes.updateOne({ _id: theme }, { $addToSet: { itemIds: { $each: ids } } }).exec();
    assigned += ids.length;
  }
  say(`门户主题：归入 ${assigned} 项事项`);
}
