/**
 * The demo town's (清溪镇) supervision catalogue, version 1: 38 supervision points over the six
 * categories, the 22 supervision paths they follow, and the negative list. The amounts follow
 * the platform's default county rules (policy.ts): works under ¥100k are the village's own
 * choice, ¥100k–500k a direct award from the contractor pool, ¥500k–4M a township tender,
 * above that a county tender; purchases from ¥2k need three quotations and the joint
 * meeting, from ¥200k the representatives; spending from ¥50k is disclosed at once.
 */
import type {
  Catalogue,
  NegativeListItem,
  SupervisionActor,
  SupervisionPath,
  SupervisionPoint,
  SupervisionStep,
} from './catalogue.js';
import { SUPERVISION_CATEGORIES } from './catalogue.js';

/** The actors of the demo paths: stable ids, labels as the town writes them. */
export const DEMO_ACTORS = {
  resident: { id: 'resident', label: '群众' },
  informant: { id: 'informant', label: '信息员' },
  liaisonOfficer: { id: 'liaisonOfficer', label: '联络员' },
  liaisonStation: { id: 'liaisonStation', label: '监察工作联络站' },
  supervisionCommittee: { id: 'supervisionCommittee', label: '村务监督委员会' },
  partyBranch: { id: 'partyBranch', label: '村党组织' },
  villageCommittees: { id: 'villageCommittees', label: '村“两委”' },
  representatives: { id: 'representatives', label: '村民代表会议' },
  villageAccountant: { id: 'villageAccountant', label: '村报账员' },
  villageAgent: { id: 'villageAgent', label: '村代办员' },
  townDepartment: { id: 'townDepartment', label: '镇职能部门' },
  townAssetsCentre: { id: 'townAssetsCentre', label: '镇“三资”服务中心' },
  townTradingCentre: { id: 'townTradingCentre', label: '镇公共资源交易中心' },
  townServiceCentre: { id: 'townServiceCentre', label: '镇便民服务中心' },
  townDiscipline: { id: 'townDiscipline', label: '镇纪委' },
  platform: { id: 'platform', label: '监督平台' },
} as const satisfies Record<string, SupervisionActor>;

const A = DEMO_ACTORS;

function step(
  actor: SupervisionActor,
  action: string,
  extra: { output?: string; days?: number } = {},
): SupervisionStep {
  return {
    actor: { ...actor },
    action,
    ...(extra.output === undefined ? {} : { output: extra.output }),
    ...(extra.days === undefined ? {} : { deadlineDays: extra.days }),
  };
}

// Bases cited by several points.
const ORGANIC_LAW = '《中华人民共和国村民委员会组织法》';
const PARTY_RULES = '《中国共产党农村基层组织工作条例》';
const FINANCE_RULES = '《农村集体经济组织财务制度》';
const FOUR_TWO = '《清源县村级重大事项“四议两公开”工作实施细则》';
const POWER_LIST = '《清源县村级小微权力清单》';
const WORKS_RULES = '《清源县村级工程建设项目管理办法》';
const TOWN_PLAN = '《清溪镇“六小一督”监督工作实施方案》';

const PATHS: SupervisionPath[] = [
  {
    code: 'P01',
    title: '日常监督问题发现与整改销号',
    steps: [
      step(A.informant, '日常走访收集村务运行、干部作风方面的问题线索，及时报告联络员', {
        output: '问题线索登记表',
        days: 1,
      }),
      step(A.liaisonOfficer, '对照监督要点开展监督检查，逐项记录“通过”“存在问题”“不适用”', {
        output: '监督检查记录表',
        days: 3,
      }),
      step(A.liaisonStation, '集体研判发现的问题，明确问题类别、责任主体和整改时限', {
        output: '问题研判意见',
        days: 2,
      }),
      step(A.liaisonStation, '向村“两委”送达反馈意见书，提出整改要求', {
        output: '反馈意见书',
        days: 1,
      }),
      step(A.villageCommittees, '制定整改措施，按期整改并上传整改佐证材料', {
        output: '整改情况报告',
        days: 10,
      }),
      step(A.liaisonOfficer, '现场核验整改结果，整改不到位的退回重新整改', {
        output: '整改核验意见',
        days: 3,
      }),
      step(A.townDiscipline, '审核整改材料，对整改到位的予以销号，逾期未整改的挂牌督办', {
        output: '销号审批单',
        days: 3,
      }),
    ],
  },
  {
    code: 'P02',
    title: '“四议两公开”决策程序监督',
    steps: [
      step(A.partyBranch, '提出决策事项初步方案，会前3日将议题报监察工作联络站备案', {
        output: '重大事项备案表',
      }),
      step(A.liaisonOfficer, '列席村“两委”联席会议，监督商议过程，如实记录不同意见', {
        output: '列席监督记录',
      }),
      step(A.liaisonOfficer, '列席党员大会和村民代表会议，核对到会人数、表决票数及签字', {
        output: '表决情况核对表',
      }),
      step(A.villageCommittees, '在村务公开栏和“阳光村务”平台公开决议内容', {
        output: '决议公开记录',
        days: 2,
      }),
      step(A.supervisionCommittee, '监督决议执行，审核实施结果公开内容并签署意见', {
        output: '公开审核意见',
      }),
      step(A.liaisonStation, '对程序缺失或违规决策的，出具反馈意见书并报镇纪委备案', {
        output: '反馈意见书',
        days: 3,
      }),
    ],
  },
  {
    code: 'P03',
    title: '村级重大事项决策事前备案审查',
    steps: [
      step(A.villageCommittees, '拟定重大事项方案，报镇职能部门开展合规性审查', {
        output: '重大事项备案表',
      }),
      step(A.townDepartment, '审查方案是否合法合规，出具审查意见', {
        output: '合规性审查意见',
        days: 5,
      }),
      step(A.liaisonOfficer, '核查方案是否在村务公开栏公示并征求群众意见，意见是否记录答复', {
        output: '意见征集核查记录',
      }),
      step(A.liaisonStation, '对未经审查或未征求意见擅自决策的，及时提醒纠正并报告镇纪委', {
        output: '工作提示单',
        days: 1,
      }),
      step(A.townDiscipline, '督促村级组织纠正，情节严重的依规依纪处理'),
    ],
  },
  {
    code: 'P04',
    title: '决议执行与实施结果公开监督',
    steps: [
      step(A.liaisonOfficer, '建立决议事项跟踪台账，逐项记录执行进度', {
        output: '决议执行跟踪台账',
      }),
      step(A.villageCommittees, '按决议内容组织实施，内容确需变更的重新履行决策程序'),
      step(A.supervisionCommittee, '比对实施内容与决议是否一致，发现偏差及时提出监督意见', {
        output: '监督意见',
      }),
      step(A.villageCommittees, '实施完成后公开实施结果', {
        output: '实施结果公开记录',
        days: 5,
      }),
      step(A.liaisonOfficer, '现场查看公开情况，拍照留存并归档', { output: '公开情况照片' }),
    ],
  },
  {
    code: 'P05',
    title: '小微权力清单运行监督',
    steps: [
      step(A.villageCommittees, '按小微权力清单规定的流程和权限办理事项，留存办理记录', {
        output: '权力事项办理台账',
      }),
      step(A.informant, '收集群众对办事公平性、规范性的意见和反映'),
      step(A.liaisonOfficer, '每月抽查权力事项办理记录，核对流程和审批签字是否完整', {
        output: '抽查记录',
      }),
      step(A.liaisonStation, '对超越权限、违反流程办理的，下发反馈意见书限期整改', {
        output: '反馈意见书',
        days: 2,
      }),
      step(A.villageCommittees, '整改问题并完善相关制度', { output: '整改情况报告', days: 10 }),
      step(A.liaisonOfficer, '核验整改结果，报监察工作联络站销号', {
        output: '整改核验意见',
        days: 3,
      }),
    ],
  },
  {
    code: 'P06',
    title: '救助对象评议审核监督',
    steps: [
      step(A.resident, '向村提出低保、特困或临时救助申请，提交家庭经济状况材料'),
      step(A.villageCommittees, '入户调查核实家庭情况，组织召开民主评议会', {
        output: '民主评议会议记录',
      }),
      step(A.liaisonOfficer, '列席民主评议会，核查评议对象中有无村干部近亲属及其备案情况', {
        output: '列席监督记录',
      }),
      step(A.villageCommittees, '在村务公开栏公示评议结果，公示期不少于7天', {
        output: '公示照片',
      }),
      step(A.townDepartment, '审核确认，对公示期间有异议的组织复核', {
        output: '审核确认意见',
        days: 10,
      }),
      step(A.liaisonStation, '对优亲厚友、虚报冒领的问题线索，移交镇纪委处置', {
        output: '问题线索移交单',
        days: 1,
      }),
    ],
  },
  {
    code: 'P07',
    title: '农村宅基地建房审批监督',
    steps: [
      step(A.resident, '以户为单位提出宅基地和建房申请'),
      step(A.villageCommittees, '提交村民代表会议讨论，公示申请人、用地位置和面积', {
        output: '申请公示照片',
        days: 5,
      }),
      step(A.liaisonOfficer, '核查申请人是否符合“一户一宅”条件，公示期间有无异议', {
        output: '资格核查记录',
      }),
      step(A.townDepartment, '联审联办，实地踏勘后审批', {
        output: '农村宅基地批准书',
        days: 20,
      }),
      step(A.liaisonOfficer, '跟踪建房过程，核对实际占地面积与批准面积是否一致', {
        output: '现场核查照片',
      }),
      step(A.liaisonStation, '对违规审批、未批先建、批少建多的，报告镇纪委和镇职能部门', {
        output: '问题报告',
        days: 1,
      }),
    ],
  },
  {
    code: 'P08',
    title: '村级财务收支审核报账监督',
    steps: [
      step(A.villageAccountant, '整理原始凭证，填写报销单，经办人、证明人签字', {
        output: '报销单',
      }),
      step(A.villageCommittees, '村主要负责人按权限审批，不得审批本人经办的事项'),
      step(A.supervisionCommittee, '逐笔审核票据真实性、合规性，签署民主理财意见', {
        output: '民主理财审核意见',
        days: 5,
      }),
      step(A.townAssetsCentre, '审核入账，对不合规票据退回村报账员', {
        output: '记账凭证',
        days: 5,
      }),
      step(A.liaisonOfficer, '每月抽查报账凭证，重点核查大额支出、现金支付和重复报销', {
        output: '财务抽查记录',
      }),
      step(A.liaisonStation, '对违规支出下发反馈意见书，重大问题报镇纪委', {
        output: '反馈意见书',
        days: 2,
      }),
    ],
  },
  {
    code: 'P09',
    title: '村务财务公开监督',
    steps: [
      step(A.villageCommittees, '按公开目录和时限在公开栏、“阳光村务”平台公开村务财务', {
        output: '公开内容清单',
      }),
      step(A.supervisionCommittee, '审核公开内容是否真实完整，签字后公开', {
        output: '公开审核签字单',
      }),
      step(A.informant, '现场查看公开栏，收集群众对公开内容的疑问', { output: '现场照片' }),
      step(A.liaisonOfficer, '比对线上线下公开内容与台账是否一致，核对是否按时公开', {
        output: '公开情况检查记录',
      }),
      step(A.liaisonStation, '对逾期公开、公开不实的，反馈村“两委”限期补正', {
        output: '反馈意见书',
        days: 2,
      }),
      step(A.villageCommittees, '补正公开内容，并向群众作出说明', {
        output: '补正公开记录',
        days: 3,
      }),
    ],
  },
  {
    code: 'P10',
    title: '集体资产资源出租发包监督',
    steps: [
      step(A.villageCommittees, '拟定出租发包方案，履行民主决策程序', { output: '出租发包方案' }),
      step(A.townAssetsCentre, '审核方案，评估确定交易底价和租赁期限', {
        output: '底价审核意见',
        days: 5,
      }),
      step(A.townTradingCentre, '发布交易公告，组织公开竞价', { output: '成交确认书' }),
      step(A.liaisonOfficer, '现场监督竞价，核对成交价不低于底价、租期不超过规定年限', {
        output: '现场监督记录',
      }),
      step(A.villageCommittees, '签订合同并公开成交结果', { output: '出租发包合同', days: 5 }),
      step(A.liaisonOfficer, '跟踪租金收缴情况，对逾期未收的提醒村“两委”催收', {
        output: '租金收缴核查记录',
      }),
    ],
  },
  {
    code: 'P11',
    title: '村级工程项目立项监督',
    steps: [
      step(A.villageCommittees, '提出项目建议，编制项目预算', { output: '项目预算书' }),
      step(A.representatives, '审议表决项目立项和实施方案', { output: '村民代表会议决议' }),
      step(A.liaisonOfficer, '核对项目是否经“四议两公开”决策，决议金额与预算是否一致', {
        output: '立项监督记录',
      }),
      step(A.townDepartment, '审核立项，按限额标准确定发包方式', {
        output: '立项审核意见',
        days: 5,
      }),
      step(A.villageCommittees, '公开项目名称、预算金额和发包方式', {
        output: '立项公开记录',
        days: 2,
      }),
    ],
  },
  {
    code: 'P12',
    title: '村级工程发包监督',
    steps: [
      step(A.villageCommittees, '按合同估算金额确定发包方式，达到限额的报镇公共资源交易中心', {
        output: '发包申请表',
      }),
      step(A.townTradingCentre, '发布招标公告，组织开标评标', { output: '中标通知书' }),
      step(A.liaisonOfficer, '现场监督开标评标，核查有无围标串标、拆分发包', {
        output: '招投标监督记录',
      }),
      step(A.villageCommittees, '与中标单位签订合同，公开中标结果', {
        output: '施工合同',
        days: 5,
      }),
      step(A.liaisonStation, '发现违规发包的，提出暂停签约建议并报告镇纪委', {
        output: '问题报告',
        days: 1,
      }),
    ],
  },
  {
    code: 'P13',
    title: '村级工程施工与变更监督',
    steps: [
      step(A.villageCommittees, '明确项目负责人，组织施工管理'),
      step(A.supervisionCommittee, '派员全程监督施工，记录材料进场和隐蔽工程', {
        output: '施工监督日志',
      }),
      step(A.liaisonOfficer, '不定期到现场检查，核对施工内容与合同、图纸是否一致', {
        output: '现场检查记录',
      }),
      step(A.villageCommittees, '确需变更的，办理变更签证并履行民主决策程序', {
        output: '工程变更签证单',
      }),
      step(A.townDepartment, '审核变更签证，增加金额超过合同价10%的退回重新决策', {
        output: '变更审核意见',
        days: 5,
      }),
    ],
  },
  {
    code: 'P14',
    title: '工程竣工验收与结算审计监督',
    steps: [
      step(A.villageCommittees, '项目完工后提出竣工验收申请', { output: '竣工验收申请' }),
      step(A.townDepartment, '组织竣工验收，村务监督委员会成员参加', {
        output: '竣工验收单',
        days: 10,
      }),
      step(A.liaisonOfficer, '核对结算金额是否超出合同价或预算', { output: '结算核查记录' }),
      step(A.townAssetsCentre, '委托开展结算审计，出具审计报告', {
        output: '工程结算审计报告',
        days: 20,
      }),
      step(A.villageCommittees, '按审计结果支付工程款，公开结算情况', { output: '结算公开记录' }),
      step(A.liaisonStation, '对超预算、未审先付的，反馈整改并报镇纪委', {
        output: '反馈意见书',
        days: 2,
      }),
    ],
  },
  {
    code: 'P15',
    title: '村级采购监督',
    steps: [
      step(A.villageCommittees, '提出采购需求，2000元以上的经“两委”联席会议集体商议', {
        output: '采购申请单',
      }),
      step(A.liaisonOfficer, '核查询价比价是否不少于3家，报价是否真实', {
        output: '询价比价核查记录',
      }),
      step(A.supervisionCommittee, '参与采购验收，核对数量、规格和价格', { output: '采购验收单' }),
      step(A.villageAccountant, '凭合同、发票和验收单报账，货款通过银行转账支付', {
        output: '报销凭证',
      }),
      step(A.villageCommittees, '公开采购事项、供应商和成交金额', {
        output: '采购公开记录',
        days: 5,
      }),
    ],
  },
  {
    code: 'P16',
    title: '劳务用工监督',
    steps: [
      step(A.villageCommittees, '公开用工需求、人数和工资标准', { output: '用工公告' }),
      step(A.villageCommittees, '确定用工人员，经联席会议审定后公示名单', {
        output: '用工人员名单',
      }),
      step(A.informant, '不定期查看在岗人员与名单是否一致', { output: '在岗核查记录' }),
      step(A.villageCommittees, '每日记录考勤，次日完成用工确认', {
        output: '用工考勤表',
        days: 1,
      }),
      step(A.supervisionCommittee, '审核工资发放表，监督通过银行转账发放到本人', {
        output: '劳务工资发放表',
      }),
      step(A.liaisonOfficer, '抽查用工台账，核查虚列人员、冒领工资', { output: '用工抽查记录' }),
    ],
  },
  {
    code: 'P17',
    title: '村干部履职监督',
    steps: [
      step(A.villageCommittees, '公开干部分工、坐班值班安排和年度承诺事项', {
        output: '坐班值班表',
      }),
      step(A.informant, '日常了解村干部在岗和服务群众情况'),
      step(A.liaisonOfficer, '每月不少于两次不打招呼抽查在岗情况', { output: '在岗抽查记录' }),
      step(A.liaisonStation, '每半年组织群众对村干部履职情况进行评议', {
        output: '履职评议结果',
      }),
      step(A.townDiscipline, '对履职不力、脱岗离岗的约谈提醒，情节严重的依规问责', {
        output: '约谈记录',
      }),
    ],
  },
  {
    code: 'P18',
    title: '群众诉求办理监督',
    steps: [
      step(A.resident, '通过上门、电话或网上平台反映诉求'),
      step(A.villageCommittees, '当日登记受理，明确承办人和办理时限', {
        output: '诉求登记台账',
        days: 1,
      }),
      step(A.villageCommittees, '办理诉求并答复群众', { output: '答复记录', days: 5 }),
      step(A.liaisonOfficer, '电话或上门回访，了解群众满意度', { output: '回访记录', days: 3 }),
      step(A.liaisonStation, '对推诿扯皮、办理不力的发出督办单，并报镇纪委', {
        output: '督办单',
        days: 1,
      }),
    ],
  },
  {
    code: 'P19',
    title: '便民服务代办监督',
    steps: [
      step(A.resident, '到村便民服务中心申请代办事项'),
      step(A.villageAgent, '一次性告知所需材料，登记受理', { output: '代办登记表' }),
      step(A.villageAgent, '按承诺时限代为办理，全程不收取费用', { days: 5 }),
      step(A.townServiceCentre, '审核办理，向代办员和群众反馈结果', { output: '办理结果' }),
      step(A.informant, '了解群众办事体验，收集“吃拿卡要”问题线索'),
      step(A.liaisonOfficer, '抽查代办台账和回访记录，发现问题报监察工作联络站', {
        output: '代办抽查记录',
      }),
    ],
  },
  {
    code: 'P20',
    title: '惠民资金发放监督',
    steps: [
      step(A.townDepartment, '下达补贴对象名单和资金', { output: '补贴发放名单' }),
      step(A.villageCommittees, '核对名单，公示发放对象和标准，公示期不少于7天', {
        output: '公示照片',
      }),
      step(A.informant, '入户核实群众是否知晓、资金是否足额到账', { output: '入户核实记录' }),
      step(A.liaisonOfficer, '比对发放名单、公示名单和实际到账情况', {
        output: '资金发放核查记录',
      }),
      step(A.liaisonStation, '发现截留、挪用、冒领的，将问题线索移交镇纪委', {
        output: '问题线索移交单',
        days: 1,
      }),
    ],
  },
  {
    code: 'P21',
    title: '负面清单预警核查处置',
    steps: [
      step(A.platform, '按负面清单规则比对台账数据，自动生成预警', { output: '预警单' }),
      step(A.liaisonStation, '接收预警，指派联络员核查', { days: 1 }),
      step(A.liaisonOfficer, '调阅台账和原始凭证，现场核实预警事项', {
        output: '预警核查记录',
        days: 3,
      }),
      step(A.villageCommittees, '整改核实存在的问题，更正台账数据', {
        output: '整改情况报告',
        days: 10,
      }),
      step(A.townDiscipline, '对逾期未整改的红色预警挂牌督办', { output: '督办通知' }),
      step(A.platform, '重新比对台账，预警原因消除后自动解除预警'),
    ],
  },
  {
    code: 'P22',
    title: '“监督一点通”投诉举报处置',
    steps: [
      step(A.resident, '通过“监督一点通”反映问题，上传文字和照片', { output: '投诉举报单' }),
      step(A.townDiscipline, '受理分办，属村级事项的派至监察工作联络站', {
        output: '派单记录',
        days: 1,
      }),
      step(A.liaisonStation, '签收后组织调查核实', { output: '调查核实报告', days: 5 }),
      step(A.villageCommittees, '对查实的问题进行整改', { output: '整改情况报告', days: 10 }),
      step(A.liaisonStation, '答复投诉人，上传办理结果', { output: '答复意见', days: 2 }),
      step(A.resident, '评价办理结果，不满意的可申请重新办理'),
      step(A.townDiscipline, '核验办理结果，办结销号', { output: '销号审批单', days: 3 }),
    ],
  },
];

const POINTS: SupervisionPoint[] = [
  // 小决策是否民主
  {
    code: 'D01',
    category: 'decision',
    title: '村级重大事项是否履行“四议两公开”程序',
    whatToCheck:
      '抽查本季度工程项目、资产处置、大额支出等重大事项，核对是否依次经村党组织提议、村“两委”联席会议商议、党员大会审议、村民代表会议决议，决议和实施结果是否公开。缺少任一环节即为存在问题。',
    basis: `${PARTY_RULES}；${ORGANIC_LAW}第二十四条`,
    risk: 'high',
    evidence: ['各环节会议记录', '表决票或表决签字表', '决议公开照片'],
    pathCode: 'P02',
  },
  {
    code: 'D02',
    category: 'decision',
    title: '党员大会、村民代表会议到会人数和表决是否符合规定',
    whatToCheck:
      '核对签到表和表决票：党员大会到会党员不少于应到人数的三分之二，同意票超过全体党员半数；村民代表会议到会人数不少于组成人员的三分之二，同意票超过到会人数半数；有无代签、事后补签。',
    basis: `${ORGANIC_LAW}第二十六条；${FOUR_TWO}`,
    risk: 'high',
    evidence: ['会议签到表', '表决票或表决签字表', '会议记录'],
    pathCode: 'P02',
  },
  {
    code: 'D03',
    category: 'decision',
    title: '重大事项决策前是否备案审查并征求群众意见',
    whatToCheck:
      '查看重大事项备案表和镇职能部门合规性审查意见，核实方案是否在村务公开栏公示征求意见，群众意见是否记录并答复。',
    basis: FOUR_TWO,
    risk: 'medium',
    evidence: ['重大事项备案表', '合规性审查意见', '征求意见公示照片'],
    pathCode: 'P03',
  },
  {
    code: 'D04',
    category: 'decision',
    title: '村民代表会议是否按季度召开',
    whatToCheck:
      '查阅本年度村民代表会议记录，核对是否每季度至少召开一次，议题、到会人员和决定事项是否记录完整。',
    basis: `${ORGANIC_LAW}第二十六条`,
    risk: 'medium',
    evidence: ['村民代表会议记录', '会议签到表'],
    pathCode: 'P01',
  },
  {
    code: 'D05',
    category: 'decision',
    title: '集体收益使用和征地补偿费分配方案是否经村民会议讨论决定',
    whatToCheck:
      '核对集体经济所得收益的使用方案和征地补偿费的使用、分配方案，是否经村民会议或经授权的村民代表会议讨论决定，分配名单和标准是否公开。',
    basis: `${ORGANIC_LAW}第二十四条`,
    risk: 'high',
    evidence: ['使用分配方案', '村民（代表）会议决议', '分配名单公示照片'],
    pathCode: 'P02',
  },
  {
    code: 'D06',
    category: 'decision',
    title: '决议事项是否按决议执行并公开实施结果',
    whatToCheck:
      '比对决议内容与实际实施情况（金额、地点、规模、实施单位），有变更的是否重新履行决策程序；实施完成后是否公开实施结果。',
    basis: `${ORGANIC_LAW}第三十条`,
    risk: 'medium',
    evidence: ['决议文本', '实施情况材料', '实施结果公开照片'],
    pathCode: 'P04',
  },
  // 小权力是否公正
  {
    code: 'D07',
    category: 'power',
    title: '小微权力事项是否按清单流程办理',
    whatToCheck:
      '抽查本月办理的小微权力事项（集体资产处置、用工、证明出具、印章使用等），核对是否按清单规定的流程和权限办理，审批签字是否齐全。',
    basis: POWER_LIST,
    risk: 'medium',
    evidence: ['权力事项办理台账', '审批单据照片'],
    pathCode: 'P05',
  },
  {
    code: 'D08',
    category: 'power',
    title: '村级印章使用是否登记审批',
    whatToCheck:
      '查看印章使用登记簿，核对每次用印是否写明事由并有审批人、经办人签字，有无在空白纸张、空白合同上加盖印章。',
    basis: POWER_LIST,
    risk: 'medium',
    evidence: ['印章使用登记簿照片', '用印审批单'],
    pathCode: 'P05',
  },
  {
    code: 'D09',
    category: 'power',
    title: '低保、特困等救助对象评定是否公开公正',
    whatToCheck:
      '抽查新纳入的低保、特困、临时救助对象，核对是否经入户调查、民主评议和公示，公示期间的异议是否核实处理；村干部及其近亲属享受救助的是否按规定备案。',
    basis: '《社会救助暂行办法》；《最低生活保障审核确认办法》',
    risk: 'high',
    evidence: ['入户调查表', '民主评议会议记录', '公示照片', '村干部近亲属备案表'],
    pathCode: 'P06',
  },
  {
    code: 'D10',
    category: 'power',
    title: '宅基地审批是否符合“一户一宅”规定',
    whatToCheck:
      '核对本年度宅基地申请人的户籍和现有住房情况，是否符合“一户一宅”和面积标准，申请是否经村民代表会议讨论并公示。',
    basis: '《中华人民共和国土地管理法》第六十二条',
    risk: 'high',
    evidence: ['宅基地申请表', '村民代表会议记录', '申请公示照片'],
    pathCode: 'P07',
  },
  {
    code: 'D11',
    category: 'power',
    title: '惠民补贴对象是否符合条件，有无优亲厚友',
    whatToCheck:
      '比对耕地地力保护补贴、残疾人两项补贴等发放名单与公示名单，核查有无不符合条件人员、已故人员或村干部亲属违规享受。',
    basis: `${ORGANIC_LAW}第三十条`,
    risk: 'high',
    evidence: ['补贴发放名单', '公示照片', '入户核实记录'],
    pathCode: 'P20',
  },
  {
    code: 'D12',
    category: 'power',
    title: '村级证明出具是否规范',
    whatToCheck:
      '查看证明出具登记，核对所出证明是否在村级证明事项清单范围内、是否经核实后出具，有无违规收费或刁难群众。',
    basis: `${POWER_LIST}；《关于改进和规范基层群众性自治组织出具证明工作的指导意见》`,
    risk: 'low',
    evidence: ['证明出具登记簿', '证明存根'],
    pathCode: 'P05',
  },
  // 小资金是否公开
  {
    code: 'D13',
    category: 'fund',
    title: '财务收支是否按月公开',
    whatToCheck:
      '查看村务公开栏和“阳光村务”平台，核对上月财务收支明细是否在次月10日前公开，公开内容与会计账簿是否一致。',
    basis: `${ORGANIC_LAW}第三十条；${FINANCE_RULES}`,
    risk: 'high',
    evidence: ['公开栏照片', '线上公开截图', '收支明细表'],
    pathCode: 'P09',
  },
  {
    code: 'D14',
    category: 'fund',
    title: '5万元以上支出是否即时公开',
    whatToCheck:
      '抽查单笔5万元以上的支出，核对是否在支付后即时公开项目名称、金额、收款单位和决策情况。',
    basis: `${ORGANIC_LAW}第三十条；《清源县村务公开目录》`,
    risk: 'medium',
    evidence: ['支付凭证', '即时公开照片或截图'],
    pathCode: 'P09',
  },
  {
    code: 'D15',
    category: 'fund',
    title: '报账票据是否真实合规、审批签字齐全',
    whatToCheck:
      '抽查本月报账凭证，核对发票真伪、经办人和证明人签字、村务监督委员会审核意见，检查有无白条入账、重复报销、经办人自批自报。',
    basis: `${FINANCE_RULES}；《中华人民共和国会计法》`,
    risk: 'high',
    evidence: ['报账凭证照片', '发票查验结果', '民主理财审核意见'],
    pathCode: 'P08',
  },
  {
    code: 'D16',
    category: 'fund',
    title: '是否存在超限额现金支付',
    whatToCheck:
      '核对现金日记账和支付凭证，单笔1000元以上的支出是否通过银行转账支付，有无坐收坐支，库存现金是否超过核定限额。',
    basis: `《现金管理暂行条例》；${FINANCE_RULES}`,
    risk: 'high',
    evidence: ['现金日记账', '支付凭证', '银行对账单'],
    pathCode: 'P08',
  },
  {
    code: 'D17',
    category: 'fund',
    title: '集体资产资源出租发包是否公开交易',
    whatToCheck:
      '核对本年度新签、续签的资产资源出租发包合同，是否经民主决策并进入镇公共资源交易中心公开交易，成交价是否低于底价，租期是否超过规定年限。',
    basis: '《中华人民共和国农村集体经济组织法》；《中华人民共和国民法典》第七百零五条',
    risk: 'high',
    evidence: ['出租发包合同', '成交确认书', '民主决策记录'],
    pathCode: 'P10',
  },
  {
    code: 'D18',
    category: 'fund',
    title: '集体资产租金是否按合同足额收缴',
    whatToCheck:
      '比对资产合同台账与收款记录，核查租金、承包费是否按期足额收缴，逾期60日以上未收的是否催收并公开。',
    basis: FINANCE_RULES,
    risk: 'medium',
    evidence: ['资产合同台账', '收款凭证', '催收记录'],
    pathCode: 'P10',
  },
  {
    code: 'D19',
    category: 'fund',
    title: '惠民补贴资金是否足额发放到户',
    whatToCheck:
      '入户抽查3至5户补贴对象，核实资金是否通过“一卡通”足额发放到本人账户，有无截留、挪用、代领、克扣。',
    basis: '《关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》',
    risk: 'high',
    evidence: ['入户核实记录', '存折或银行流水照片', '补贴发放名单'],
    pathCode: 'P20',
  },
  // 小项目是否合规
  {
    code: 'D20',
    category: 'project',
    title: '工程项目立项是否经民主决策并编制预算',
    whatToCheck:
      '核对10万元以上村级工程是否经“四议两公开”决策后立项，预算是否经审核，决议金额与预算金额是否一致。',
    basis: `${ORGANIC_LAW}第二十四条；${WORKS_RULES}`,
    risk: 'high',
    evidence: ['立项决议', '项目预算书', '立项审核意见'],
    pathCode: 'P11',
  },
  {
    code: 'D21',
    category: 'project',
    title: '工程发包方式是否符合限额标准',
    whatToCheck:
      '按合同金额核对发包方式：10万元以下村级自行选择，10万元至50万元从限额以下平台直接发包，50万元至400万元进镇公共资源交易中心招标，400万元以上进县公共资源交易中心公开招标。',
    basis: `《中华人民共和国招标投标法》；${WORKS_RULES}`,
    risk: 'high',
    evidence: ['施工合同', '招标公告或发包记录', '中标通知书'],
    pathCode: 'P12',
  },
  {
    code: 'D22',
    category: 'project',
    title: '是否存在拆分工程规避招标',
    whatToCheck:
      '比对90日内同一承包方或同类工程的合同，核查有无将达到招标限额的项目拆分为若干小项目分别发包，合计金额是否达到招标限额。',
    basis: '《中华人民共和国招标投标法》第四条',
    risk: 'high',
    evidence: ['同期工程合同清单', '工程内容和位置比对表'],
    pathCode: 'P12',
  },
  {
    code: 'D23',
    category: 'project',
    title: '工程是否按合同施工，变更是否审批',
    whatToCheck:
      '现场查看施工内容、材料规格与合同和图纸是否一致；工程变更是否办理签证并经审批，增加金额超过合同价10%的是否重新履行决策程序。',
    basis: WORKS_RULES,
    risk: 'medium',
    evidence: ['施工现场照片', '工程变更签证单', '施工监督日志'],
    pathCode: 'P13',
  },
  {
    code: 'D24',
    category: 'project',
    title: '工程是否验收审计，结算是否超合同价',
    whatToCheck:
      '查看竣工验收单和结算审计报告，核对结算金额是否超过合同价或预算，有无未验收先付款、未审计先结算，完工一年内是否办理竣工决算。',
    basis: `${WORKS_RULES}；${FINANCE_RULES}`,
    risk: 'high',
    evidence: ['竣工验收单', '工程结算审计报告', '付款凭证'],
    pathCode: 'P14',
  },
  {
    code: 'D25',
    category: 'project',
    title: '村级采购是否询价比价并集体决策',
    whatToCheck:
      '抽查2000元以上的采购，核对是否有3家以上报价并经“两委”联席会议集体商议；20万元以上的是否经村民代表会议决议。',
    basis: '《清源县村级采购管理办法》',
    risk: 'medium',
    evidence: ['询价比价单', '联席会议记录', '采购合同或发票'],
    pathCode: 'P15',
  },
  {
    code: 'D26',
    category: 'project',
    title: '劳务用工是否公开、人员是否真实',
    whatToCheck:
      '核对用工名单是否公示、在岗人员与名单是否一致、考勤是否次日确认、工资是否转账发放到本人，有无虚列人员、冒领工资。',
    basis: '《保障农民工工资支付条例》；《清源县村级劳务用工管理办法》',
    risk: 'medium',
    evidence: ['用工名单公示照片', '用工考勤表', '工资发放银行回单'],
    pathCode: 'P16',
  },
  // 小职责是否履行
  {
    code: 'D27',
    category: 'duty',
    title: '村干部是否按规定坐班值班',
    whatToCheck:
      '不打招呼到村便民服务中心查看坐班值班情况，核对值班表与在岗人员是否一致，值班记录是否完整。',
    basis: TOWN_PLAN,
    risk: 'medium',
    evidence: ['在岗情况照片', '值班记录'],
    pathCode: 'P17',
  },
  {
    code: 'D28',
    category: 'duty',
    title: '村干部年度承诺事项是否推进落实',
    whatToCheck: '对照村干部年度公开承诺事项，查看推进台账和现场成效，核实进度与公开内容是否一致。',
    basis: PARTY_RULES,
    risk: 'low',
    evidence: ['承诺事项清单', '推进台账', '现场照片'],
    pathCode: 'P17',
  },
  {
    code: 'D29',
    category: 'duty',
    title: '村务监督委员会是否正常履职',
    whatToCheck:
      '查看村务监督委员会工作记录，核对是否参与民主理财、列席重要会议、审核公开内容，每月是否至少开展一次监督活动。',
    basis: `《关于建立健全村务监督委员会的指导意见》；${ORGANIC_LAW}第三十二条`,
    risk: 'medium',
    evidence: ['村务监督委员会工作记录', '民主理财签字记录'],
    pathCode: 'P01',
  },
  {
    code: 'D30',
    category: 'duty',
    title: '村务档案是否建立并规范管理',
    whatToCheck:
      '抽查选举、会议、财务、工程、宅基地等村务档案，核对是否分类归档、内容完整、由专人保管。',
    basis: `${ORGANIC_LAW}第三十四条`,
    risk: 'low',
    evidence: ['档案目录', '抽查档案照片'],
    pathCode: 'P01',
  },
  {
    code: 'D31',
    category: 'duty',
    title: '村干部是否接受年度民主评议',
    whatToCheck:
      '核实本年度是否组织村民会议或村民代表会议对村干部履职情况进行民主评议，评议结果是否公开，评议不称职的是否按规定处理。',
    basis: `${ORGANIC_LAW}第三十三条`,
    risk: 'low',
    evidence: ['民主评议会议记录', '评议结果公开照片'],
    pathCode: 'P17',
  },
  {
    code: 'D32',
    category: 'duty',
    title: '负面清单预警是否按期核查处置',
    whatToCheck:
      '查看本村监督平台预警清单，核对每条预警是否在3个工作日内核查、问题是否整改并更正台账，有无逾期未处置的红色预警。',
    basis: TOWN_PLAN,
    risk: 'high',
    evidence: ['预警清单截图', '预警核查记录', '整改情况报告'],
    pathCode: 'P21',
  },
  // 小服务是否到位
  {
    code: 'D33',
    category: 'service',
    title: '群众诉求是否及时受理办结',
    whatToCheck:
      '抽查本月群众诉求登记台账，核对是否当日登记受理、在承诺时限内办结答复，随机回访3名群众了解满意度。',
    basis: TOWN_PLAN,
    risk: 'medium',
    evidence: ['诉求登记台账', '回访记录'],
    pathCode: 'P18',
  },
  {
    code: 'D34',
    category: 'service',
    title: '便民服务事项是否公开并代办到位',
    whatToCheck:
      '查看村便民服务中心是否公开服务事项、办事指南和代办员联系方式，抽查代办台账，核实是否一次性告知、按时办结。',
    basis: TOWN_PLAN,
    risk: 'low',
    evidence: ['服务事项公开栏照片', '代办登记表'],
    pathCode: 'P19',
  },
  {
    code: 'D35',
    category: 'service',
    title: '办事过程是否存在“吃拿卡要”、违规收费',
    whatToCheck:
      '走访近期办事群众，询问办理过程中有无被收取费用、索要财物或故意刁难；查看收费是否有依据并开具票据。',
    basis: '《中国共产党纪律处分条例》',
    risk: 'high',
    evidence: ['走访记录', '收费票据'],
    pathCode: 'P19',
  },
  {
    code: 'D36',
    category: 'service',
    title: '投诉举报是否按期办理并答复',
    whatToCheck:
      '查看“监督一点通”转办的投诉举报，核对是否按期签收、调查、答复，投诉人评价不满意的是否重新办理。',
    basis: '《纪检监察机关处理检举控告工作规则》',
    risk: 'high',
    evidence: ['投诉举报办理单', '答复记录', '评价结果'],
    pathCode: 'P22',
  },
  {
    code: 'D37',
    category: 'service',
    title: '困难群众走访帮扶是否落实',
    whatToCheck:
      '抽查低保、特困、残疾人等困难群众，核实村干部是否按结对要求定期走访，帮扶措施是否落实，反映的困难是否跟进解决。',
    basis: '《社会救助暂行办法》',
    risk: 'medium',
    evidence: ['走访记录', '帮扶台账', '入户核实记录'],
    pathCode: 'P01',
  },
  {
    code: 'D38',
    category: 'service',
    title: '党群服务中心是否按时开放、设施可用',
    whatToCheck: '查看开放时间公示和实际开放情况，设施是否完好可用，值班人员是否在岗。',
    basis: TOWN_PLAN,
    risk: 'low',
    evidence: ['现场照片', '值班记录'],
    pathCode: 'P01',
  },
];

const NEGATIVE_LIST: NegativeListItem[] = [
  {
    code: 'N01',
    category: 'decision',
    text: '重大事项未经“四议两公开”程序擅自决策，或先实施后补程序',
    ruleId: 'noResolution',
  },
  { code: 'N02', category: 'decision', text: '会议记录事后补记，表决代签、冒签' },
  { code: 'N03', category: 'power', text: '优亲厚友，违规为亲属办理低保、补贴等惠民事项' },
  {
    code: 'N04',
    category: 'power',
    text: '审批本人经办的报销事项，自批自报',
    ruleId: 'approverIsPayee',
  },
  {
    code: 'N05',
    category: 'fund',
    text: '超限额使用现金支付，坐收坐支',
    ruleId: 'cashPayment',
  },
  {
    code: 'N06',
    category: 'fund',
    text: '同一发票重复报账，或同一收款人同一金额重复支付',
    ruleId: 'duplicatePayment',
  },
  {
    code: 'N07',
    category: 'fund',
    text: '以低于底价的价格出租、发包集体资产资源',
    ruleId: 'leaseBelowReference',
  },
  {
    code: 'N08',
    category: 'fund',
    text: '集体资产资源出租期限超过规定年限',
    ruleId: 'leaseTermTooLong',
  },
  {
    code: 'N09',
    category: 'fund',
    text: '集体资产租金逾期60日以上不催收',
    ruleId: 'rentOverdue',
  },
  {
    code: 'N10',
    category: 'fund',
    text: '村务财务逾期不公开，或公开内容与账目不符',
    ruleId: 'disclosureOverdue',
  },
  {
    code: 'N11',
    category: 'project',
    text: '拆分工程规避招标',
    ruleId: 'contractSplitting',
  },
  {
    code: 'N12',
    category: 'project',
    text: '工程结算超出合同价或预算，未经审计即支付工程款',
    ruleId: 'settlementOverrun',
  },
  {
    code: 'N13',
    category: 'project',
    text: '工程完工一年以上未办理竣工决算',
    ruleId: 'finalAccountsMissing',
  },
  {
    code: 'N14',
    category: 'project',
    text: '虚列劳务用工人员，冒领劳务工资',
    ruleId: 'workerNotApproved',
  },
  {
    code: 'N15',
    category: 'project',
    text: '劳务用工考勤不按时确认，事后集中补录',
    ruleId: 'labourConfirmedLate',
  },
  { code: 'N16', category: 'duty', text: '工作时间脱岗离岗，坐班值班不在岗' },
  { code: 'N17', category: 'service', text: '为群众办事“吃拿卡要”，违规收取费用' },
];

/** The demo town's catalogue, version 1, in force from 1 January 2026. */
export const DEMO_CATALOGUE: Catalogue = {
  version: 1,
  effectiveFrom: '2026-01-01',
  categories: SUPERVISION_CATEGORIES.map((c) => ({ id: c.id, name: { ...c.name } })),
  points: POINTS,
  paths: PATHS,
  negativeList: NEGATIVE_LIST,
};
