/**
 * Redaction of personal data for public disclosure snapshots (公开快照): private persons'
 * names are masked down to the surname, organisations keep their names, and identity and
 * mobile numbers are removed from free text. Pure module: it runs on the server and in the
 * browser.
 */

/**
 * Markers that make a name an organisation wherever they occur; none of them occurs in a
 * person's name.
 */
const ORGANISATION_WORDS = [
  '公司',
  '集团',
  '合作社',
  '中心',
  '银行',
  '信用社',
  '学校',
  '小学',
  '中学',
  '大学',
  '学院',
  '幼儿园',
  '医院',
  '卫生院',
  '卫生室',
  '诊所',
  '药店',
  '超市',
  '商店',
  '门市',
  '街道',
  '社区',
  '政府',
  '委员会',
  '村委',
  '居委',
  '办公室',
  '办事处',
  '事务所',
  '工作室',
  '经营部',
  '服务部',
  '工程队',
  '施工队',
  '协会',
  '商会',
  '基金',
  '党支部',
  '党委',
  '支行',
  '分行',
  '有限',
  '股份',
  '农场',
  '林场',
  '养殖场',
];

/**
 * Organisation types that name an organisation when they end the name (东风村, 水利局,
 * 城关镇派出所). They are rare in given names, so any name ending with one is an organisation.
 */
const ORGANISATION_SUFFIXES = '厂社局委村站店部院所队馆处办组场';

/**
 * Organisation types that are also common in given names (李园, 王会, 张镇, 欧阳丽园): a name
 * of at most four characters that begins with a common surname and ends with one of these is
 * taken as a person, since masking an organisation is harmless and disclosing a person is not.
 */
const AMBIGUOUS_SUFFIXES = '园会行镇';

/** Common single-character surnames (about the hundred most frequent). */
const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈' +
  '姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤' +
  '常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单' +
  '季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚' +
  '娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘' +
  '池查麻苑迟邝';

/** Two-character surnames that keep both characters when masking. */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '夏侯',
  '轩辕',
  '令狐',
  '宇文',
  '司徒',
];

const LATIN_ORGANISATION =
  /\b(?:co|corp|corporation|company|inc|ltd|llc|limited|cooperative|committee|bureau|center|centre|bank|school|hospital|village|office|association|group)\b/i;

/** Han characters plus the middle dot of transliterated names (阿卜杜·热合曼). */
const HAN_NAME = /^[\p{Script=Han}·•]+$/u;

/** Whether a name of at most four characters begins with a common or compound surname. */
function startsWithSurname(chars: readonly string[]): boolean {
  if (chars.length > 4) return false;
  const first = chars[0] ?? '';
  return COMMON_SURNAMES.includes(first) || COMPOUND_SURNAMES.includes(first + (chars[1] ?? ''));
}

/**
 * Whether a name belongs to an organisation (company, cooperative, village, office …) rather
 * than a private person, judged from the organisation markers it contains. A 2–4 character
 * Han name without such markers (王建国, 欧阳小明) is a person.
 */
export function isOrganisationName(name: string): boolean {
  const text = name.trim().replace(/[（(][^）)]*[）)]$/u, '');
  if (text === '') return false;
  if (ORGANISATION_WORDS.some((word) => text.includes(word))) return true;
  if (LATIN_ORGANISATION.test(text)) return true;
  const chars = Array.from(text);
  const last = chars[chars.length - 1] ?? '';
  if (ORGANISATION_SUFFIXES.includes(last)) return chars.length >= 2;
  if (AMBIGUOUS_SUFFIXES.includes(last)) return chars.length >= 2 && !startsWithSurname(chars);
  return false;
}

/**
 * Masks a private person's name for publication, keeping the surname: 张三 → 张*,
 * 王建国 → 王**, 欧阳小明 → 欧阳** (compound surnames keep two characters when the name has
 * at least three). Non-Han names keep their first character and get one star per remaining
 * character, at most three. Organisation names are returned unchanged; an empty (or blank)
 * name gives ''.
 */
export function maskPersonName(name: string): string {
  const text = name.trim();
  if (text === '') return '';
  if (isOrganisationName(text)) return name;
  const chars = Array.from(text);
  if (HAN_NAME.test(text)) {
    const compound = chars.length >= 3 && COMPOUND_SURNAMES.includes(chars[0]! + chars[1]!);
    const keep = compound ? 2 : 1;
    return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
  }
  return chars[0]! + '*'.repeat(Math.min(chars.length - 1, 3));
}

/** Replacement for every removed number. */
export const SCRUBBED = '***';

/*
 * Identity numbers: 17 digits + digit/X/x, or the old 15 digits. They must stand alone: no
 * ASCII letter or digit on either side (so a digit run inside a credit code such as
 * 9Y330100716105852F is left alone) and no decimal point joining them to more digits.
 * Mobile numbers: 1[3-9] + 9 digits, also as 3-4-4 with spaces or hyphens, optionally after
 * +86 or 0086; only digits (and decimal points) must not touch them, so "Tel13812345678" is
 * still scrubbed. A credit code has no stand-alone run of 11 digits starting with 1[3-9].
 */
const ID_BEFORE = String.raw`(?<![0-9A-Za-z])(?<!\d\.)`;
const ID_AFTER = String.raw`(?![0-9A-Za-z])(?!\.\d)`;
const ID_NUMBER = String.raw`${ID_BEFORE}(?:\d{17}[\dXx]|\d{15})${ID_AFTER}`;
const MOBILE = String.raw`(?<!\d)(?<!\d\.)(?:(?:\+|00)86[ \u00a0-]?)?1[3-9]\d(?:[ \u00a0-]?\d{4}){2}(?!\d)(?!\.\d)`;
const SCRUB_PATTERN = new RegExp(`${ID_NUMBER}|${MOBILE}`, 'g');

/**
 * Removes identity numbers (18-character and old 15-digit) and mainland mobile numbers from
 * free text, replacing each with `***`. Amounts, dates and credit codes are left alone
 * unless they have exactly one of those shapes.
 */
export function scrubText(text: string): string {
  return text.replace(SCRUB_PATTERN, SCRUBBED);
}
