/**
 * Writes the default notices, decisions and records (RUN-10, RUN-17) as DOCX files beside this script:
 * `npx tsx templates/documents/build.ts`. Each is a minimal WordprocessingML package whose
 * {placeholders} docxtemplater fills from the case, item and county (docs/documents.md lists
 * them). Counties may restyle a copy in Word and upload it, as long as the {tags} stay; the PDF is
 * drawn from the filled DOCX's paragraphs, so a county's wording reaches the PDF too.
 */
import fs from 'node:fs';
import path from 'node:path';
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const font = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>';

interface Style {
  bold?: boolean;
  /** Half-points, as Word counts. */
  size?: number;
  align?: 'center' | 'right';
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const para = (text: string, o: Style = {}) =>
  `<w:p>${o.align ? `<w:pPr><w:jc w:val="${o.align}"/></w:pPr>` : ''}<w:r><w:rPr>${font}${
    o.bold ? '<w:b/>' : ''
  }<w:sz w:val="${o.size ?? 28}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r></w:p>`;

/** A paragraph repeated per entry of `list` (docxtemplater's paragraphLoop). */
const loop = (list: string, text: string) => [para(`{#${list}}`), para(text), para(`{/${list}}`)];

const head = (title: string) => [
  para('{issuer}', { bold: true, size: 32, align: 'center' }),
  para(title, { bold: true, size: 44, align: 'center' }),
  para('{number}', { align: 'center' }),
  para(''),
];

const foot = [
  para(''),
  para('{issuer}', { align: 'right' }),
  para('{issuedDate}', { align: 'right' }),
  para(''),
  para('本文书编号可在{verifyPlace}核验真伪。', { size: 20 }),
];

const rights =
  '如不服本决定，可以自收到本文书之日起六十日内向{governmentName}申请行政复议，也可以自收到本文书之日起六个月内直接向{courtName}提起行政诉讼。';

const applied = '你（单位）于{appliedDate}提出的「{itemName}」（事项编码 {itemCode}）申请';

/** The party (当事人) of an ex officio case, as the head of its documents names them. */
const party = [
  para('当事人：{applicantName}'),
  para('{partyIdLabel}：{partyIdNumber}'),
  para('地址：{partyAddress}'),
];

/** A record's end: signed by hand on every page, no seal. */
const recordFoot = [
  para(''),
  para('被询问（检查）人签名：                    年    月    日'),
  para('执法人员签名：                            年    月    日'),
  para('记录人签名：                              年    月    日'),
  para(''),
  para('本文书编号可在{verifyPlace}核验真伪。', { size: 20 }),
];

/** 罚缴分离 (行政处罚法 第六十七条、第七十二条): the fine is paid at the bank, not to the officers. */
const payment =
  '    {#fineYuan}当事人应当自收到本决定书之日起十五日内，持本决定书到{paymentBank}缴纳罚款（罚款数额：人民币{fineYuan}元，大写{fineCapitals}），或者通过电子支付系统缴纳；执法人员不得自行收缴罚款。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，并依法申请人民法院强制执行。{/fineYuan}';

const DOCUMENTS: Record<string, string[]> = {
  'acceptance-notice': [
    ...head('受理通知书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，经审查，申请材料齐全、符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。`,
    ),
    para(
      '    办件编号：{caseNo}。{#promisedDueDate}本机关承诺于{promisedDueDate}前作出决定。{/promisedDueDate}',
    ),
    para('    已收取的申请材料：'),
    ...loop('materials', '    {index}. {name}'),
    para('    可凭办件编号查询办理进度。'),
    ...foot,
  ],
  'refusal-notice': [
    ...head('不予受理通知书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，经审查，{reason}。根据《中华人民共和国行政许可法》第三十二条第一款的规定，决定不予受理。`,
    ),
    para(`    ${rights}`),
    ...foot,
  ],
  'correction-notice': [
    ...head('补正材料通知书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容：`,
    ),
    ...loop('missing', '    {index}. {name}：{reason}'),
    para('    请按上述要求一并补正；补正期间不计入办理时限。逾期不补正的，视为撤回申请。'),
    ...foot,
  ],
  'grant-decision': [
    ...head('准予行政许可决定书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，本机关于{acceptedDate}受理（办件编号 {caseNo}）。经审查，申请符合法定条件、标准，根据{legalBasisText}和《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。`,
    ),
    para('{#decisionText}    {decisionText}{/decisionText}'),
    ...foot,
  ],
  'denial-decision': [
    ...head('不予行政许可决定书'),
    para('{applicantName}：'),
    para(
      `    ${applied}，本机关于{acceptedDate}受理（办件编号 {caseNo}）。经审查，{reason}。根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。`,
    ),
    para(`    ${rights}`),
    ...foot,
  ],
  'service-receipt': [
    ...head('送达回证'),
    para('受送达人：{applicantName}'),
    para(
      '{#exOfficio}案件：{caseName}（立案号 {caseNo}）{/exOfficio}{^exOfficio}事项：{itemName}（办件编号 {caseNo}）{/exOfficio}',
    ),
    para('送达文书：'),
    ...loop('served', '    {index}. 《{name}》{number}'),
    para('送达地点：{#exOfficio}{partyAddress}{/exOfficio}{^exOfficio}{windowName}{/exOfficio}'),
    para('送达方式：直接送达'),
    para('送达人（签名）：'),
    para('受送达人（签名）：                    年    月    日'),
    ...foot,
  ],
  'filing-approval': [
    ...head('立案审批表'),
    para('案件名称：{caseName}'),
    para('立案号：{caseNo}'),
    para('案件来源：{caseSource}{#procedureName}    适用程序：{procedureName}{/procedureName}'),
    ...party,
    para('案由：{caseCause}'),
    para('立案日期：{openedDate}'),
    para('立案依据：{legalBasisText}'),
    para(''),
    para('承办人意见：'),
    para('    经初步核实，当事人涉嫌{caseCause}，符合立案条件，建议立案调查。'),
    para('承办人（签名）：{officers}                    年    月    日'),
    para(''),
    para('负责人审批意见：'),
    para(''),
    para('负责人（签名）：                              年    月    日'),
    para(''),
    para('{issuer}', { align: 'right' }),
    para('{issuedDate}', { align: 'right' }),
    para(''),
    para('本文书编号可在{verifyPlace}核验真伪。', { size: 20 }),
  ],
  'inquiry-record': [
    ...head('询问笔录'),
    para('案件：{caseName}（立案号 {caseNo}）'),
    para('询问时间：        年    月    日    时    分至    时    分'),
    para('询问地点：{inquiryPlace}'),
    para('询问人（执法人员）：{officers}'),
    para('记录人：'),
    para('被询问人：        性别：        年龄：        联系电话：'),
    para('被询问人与当事人的关系：（当事人：{applicantName}，{partyIdLabel} {partyIdNumber}）'),
    para(''),
    para(
      '    告知：我们是{issuer}的执法人员，已向你出示执法证件。现依法就{caseCause}一事向你调查询问。你有如实回答询问、协助调查的义务，不得作伪证或者隐匿证据；与本案无关的问题，你有权拒绝回答。执法人员少于两人或者与本案有直接利害关系的，你有权申请回避（《中华人民共和国行政处罚法》第四十二条、第四十三条、第五十五条）。你是否申请回避？',
    ),
    para('答：'),
    para('问：'),
    para('答：'),
    para('问：'),
    para('答：'),
    para(''),
    para('被询问人核对意见：以上笔录我已看过（已向我宣读过），与我所说的一致。'),
    ...recordFoot,
  ],
  'inspection-record': [
    ...head('现场检查笔录'),
    para('案件：{caseName}（立案号 {caseNo}）'),
    ...party,
    para('检查时间：        年    月    日    时    分至    时    分'),
    para('检查地点：{inspectionPlace}'),
    para('检查人员（执法人员）：{officers}'),
    para('记录人：'),
    para('现场负责人：        职务：        联系电话：'),
    para(''),
    para(
      '    告知：我们是{issuer}的执法人员，已向当事人出示执法证件，依法进行现场检查。当事人应当如实提供有关情况和资料，不得拒绝、阻挠；认为执法人员与本案有直接利害关系的，有权申请回避（《中华人民共和国行政处罚法》第五十五条）。',
    ),
    para('检查情况：'),
    para(''),
    para(''),
    para('现场负责人核对意见：以上笔录已阅，情况属实。'),
    ...recordFoot,
  ],
  'penalty-notice': [
    ...head('行政处罚告知书'),
    para('{applicantName}：'),
    para(
      '    本机关于{openedDate}立案调查的{caseName}（立案号 {caseNo}），经查明：{facts}。{#evidence}以上事实有{evidence}等证据为证。{/evidence}',
    ),
    para(
      '    你（单位）的上述行为{#violation}（{violation}）{/violation}违反了{legalBasisText}的规定。{#mitigationText}{#circumstance}鉴于{circumstance}，{/circumstance}本机关拟{mitigationText}。{/mitigationText}依据{penaltyArticle}的规定，本机关拟对你（单位）作出如下行政处罚：{penaltyText}。',
    ),
    para(
      '    根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权进行陈述和申辩。请于收到本告知书之日起五个工作日内向本机关提出陈述、申辩意见；逾期未提出的，视为放弃此权利。',
    ),
    para(
      '    根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，本机关拟作出的行政处罚属于较大数额罚款等应当告知听证权利情形的，你（单位）有权要求举行听证。要求听证的，应当在收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃此权利。',
    ),
    para('    联系人：{officers}    联系地址：{issuer}'),
    ...foot,
  ],
  'hearing-notice': [
    ...head('听证通知书'),
    para('{applicantName}：'),
    para(
      '    你（单位）就{caseName}（立案号 {caseNo}）要求举行听证。根据《中华人民共和国行政处罚法》第六十四条的规定，本机关决定举行听证，现将有关事项通知如下：',
    ),
    para('    听证时间：{hearingTime}'),
    para('    听证地点：{hearingPlace}'),
    para('    听证主持人：{hearingHost}（非本案调查人员）'),
    para('    拟作出的行政处罚：{penaltyText}'),
    para(
      '    你（单位）可以亲自参加听证，也可以委托一至二人代理；委托代理人参加的，应当提交授权委托书。认为主持人与本案有直接利害关系的，有权申请回避。听证公开举行，涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外。',
    ),
    para(
      '    你（单位）及代理人无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，本机关终止听证。',
    ),
    ...foot,
  ],
  'penalty-decision': [
    ...head('行政处罚决定书'),
    ...party,
    para(''),
    para(
      '    本机关于{openedDate}对你（单位）{caseCause}一案立案调查（立案号 {caseNo}），现已调查终结。',
    ),
    para('    经查明：{facts}。'),
    para('    以上事实有下列证据证明：{evidence}。'),
    para(
      '    本机关认为，你（单位）的上述行为{#violation}（{violation}）{/violation}违反了{legalBasisText}的规定。{#mitigationText}{#circumstance}鉴于{circumstance}，{/circumstance}依法{mitigationText}{#penaltyReason}（{penaltyReason}）{/penaltyReason}。{/mitigationText}本机关已依法告知你（单位）拟作出行政处罚的内容及事实、理由、依据，以及陈述、申辩和要求听证的权利。',
    ),
    para(
      '    依据{penaltyArticle}和《中华人民共和国行政处罚法》第五十七条的规定，本机关决定对你（单位）作出如下行政处罚：',
    ),
    para('    {penaltyText}。', { bold: true }),
    para(payment),
    para(`    ${rights}`),
    ...foot,
  ],
  'no-penalty-decision': [
    ...head('不予行政处罚决定书'),
    ...party,
    para(''),
    para(
      '    本机关于{openedDate}对你（单位）{caseCause}一案立案调查（立案号 {caseNo}），现已调查终结。',
    ),
    para('    经查明：{facts}。{#evidence}以上事实有{evidence}等证据证明。{/evidence}'),
    para(
      '    本机关认为，{reason}。依据{penaltyArticle}和《中华人民共和国行政处罚法》第三十三条、第五十七条第一款第（二）项的规定，本机关决定对你（单位）不予行政处罚。',
    ),
    para('    请你（单位）引以为戒，依法从事生产经营活动。'),
    para(`    ${rights}`),
    ...foot,
  ],
  'seizure-decision': [
    ...head('查封扣押决定书'),
    ...party,
    para(''),
    para(
      '    经查，{seizureReason}（立案号 {caseNo}）。根据{seizureBasis}和《中华人民共和国行政强制法》第九条、第二十二条、第二十四条的规定，本机关决定对你（单位）的下列场所、设施或者财物予以{seizureMeasure}：',
    ),
    ...loop('seizureItems', '    {index}. {name}{#quantity}，{quantity}{/quantity}'),
    para('    {seizureMeasure}地点：{seizurePlace}'),
    para(
      '    {seizureMeasure}期限：自本决定送达之日起{seizureDays}日。情况复杂的，经本机关负责人批准可以延长，但延长期限不超过三十日（《中华人民共和国行政强制法》第二十五条）；需要进行检测、检验、检疫或者技术鉴定的，其期间不计入{seizureMeasure}期限。',
    ),
    para(
      '    {seizureMeasure}的场所、设施或者财物，详见现场交付的查封、扣押清单（一式二份，由当事人和本机关分别保存）。对查封的场所、设施或者财物，任何人不得损毁或者擅自转移、处置。',
    ),
    para(`    ${rights}`),
    ...foot,
  ],
};
const document = (body: string[]) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  `<w:document xmlns:w="${W}"><w:body>${body.join('')}` +
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/>' +
  '</w:sectPr></w:body></w:document>';

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const rels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

/** The DOCX of one kind, as bytes. */
export function buildTemplate(kind: string): Buffer {
  const body = DOCUMENTS[kind];
  if (!body) throw new Error(`no document template ${kind}`);
  const zip = new PizZip();
  zip.file('[Content_Types].xml', contentTypes);
  zip.file('_rels/.rels', rels);
  zip.file('word/document.xml', document(body));
  // A fixed date, so building again gives the same bytes.
  for (const f of Object.values(zip.files)) f.date = new Date('2026-01-01T00:00:00Z');
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

if (require.main === module) {
  for (const kind of Object.keys(DOCUMENTS)) {
    const file = path.join(__dirname, `${kind}.docx`);
    fs.writeFileSync(file, buildTemplate(kind));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}
