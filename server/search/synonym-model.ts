import { Schema, type Connection, type Model, type Types } from 'mongoose';

/**
 * A word citizens use and what it stands for in the catalog (POR-9): 开店 → 个体工商户设立登记,
 * 营业执照. Staff keep the list in the studio (admins and the 审管 reviewers); one per county.
 */
export interface SearchSynonym {
  _id: Types.ObjectId;
  countyId: Types.ObjectId;
  term: string;
  expansions: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const SYNONYM_TERM_MAX = 20;
export const SYNONYM_EXPANSION_MAX = 30;
export const SYNONYM_EXPANSIONS_MAX = 10;
/** Every search reads the whole list in memory; this keeps that bounded. */
export const SYNONYMS_PER_COUNTY_MAX = 1000;

const synonymSchema = new Schema<SearchSynonym>(
  {
    countyId: { type: Schema.Types.ObjectId, required: true },
    term: { type: String, required: true, maxlength: SYNONYM_TERM_MAX },
    expansions: { type: [String], required: true },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'search_synonyms' },
);
synonymSchema.index({ countyId: 1, term: 1 }, { unique: true });

export type SearchSynonymModel = Model<SearchSynonym>;
export const searchSynonymModel = (connection: Connection): SearchSynonymModel =>
  (connection.models.SearchSynonym as SearchSynonymModel | undefined) ??
  connection.model<SearchSynonym>('SearchSynonym', synonymSchema);

/** What citizens commonly type, seeded once per county; staff change it from there. */
export const SEED_SYNONYMS: [string, string[]][] = [
  ['开店', ['个体工商户', '营业执照', '食品经营许可']],
  ['开公司', ['企业名称', '营业执照', '企业设立登记']],
  ['开饭店', ['食品经营许可', '营业执照']],
  ['办执照', ['营业执照', '许可证']],
  ['办证', ['许可证', '营业执照', '证核发', '证申领']],
  ['补证', ['补办', '遗失']],
  ['补办', ['遗失补办', '补发']],
  ['丢了', ['遗失', '补办']],
  ['上户口', ['户口登记', '出生登记']],
  ['落户', ['户口登记', '户口迁移']],
  ['迁户口', ['户口迁移']],
  ['生娃', ['生育', '出生医学证明']],
  ['生孩子', ['生育', '出生医学证明']],
  ['生小孩', ['生育', '出生医学证明']],
  ['身份证', ['居民身份证']],
  ['结婚', ['婚姻登记', '结婚登记']],
  ['领证', ['结婚登记', '婚姻登记']],
  ['离婚', ['离婚登记', '婚姻登记']],
  ['低保', ['最低生活保障']],
  ['失业金', ['失业保险金']],
  ['失业', ['失业保险金', '失业登记']],
  ['找工作', ['就业', '就业创业证']],
  ['社保', ['社会保险', '养老保险']],
  ['医保', ['医疗保险']],
  ['公积金', ['住房公积金']],
  ['退休', ['养老保险', '退休']],
  ['开诊所', ['医疗机构执业登记']],
  ['盖房子', ['建筑工程施工许可', '建设工程规划许可']],
  ['建房', ['建设工程规划许可', '建筑工程施工许可']],
  ['跑运输', ['道路货物运输经营许可', '道路运输证']],
  ['货车', ['道路货物运输']],
  ['开出租', ['出租汽车驾驶员从业资格']],
  ['开网约车', ['出租汽车驾驶员从业资格']],
  ['劳动纠纷', ['劳动人事争议仲裁']],
  ['拖欠工资', ['劳动人事争议仲裁']],
  ['困难补助', ['临时救助', '最低生活保障']],
  ['危化品', ['危险化学品']],
  ['小作坊', ['食品小作坊登记']],
  ['卫生许可证', ['公共场所卫生许可']],
  ['投资备案', ['企业投资项目备案']],
];
