import type { DocVars, Level } from '../artifacts/corpus.js';
import { countPlaceNames, loadGazetteer, resolvePlace, type Gazetteer, type Place } from './gazetteer.js';

/**
 * Document variables read from a report's own text: the title, the opening
 * line (——2023年4月25日在交城县第十七届人民代表大会第四次会议上 县长 张三),
 * the 我代表…人民政府 formula and the section headings; the region is
 * resolved against the gazetteer.
 */

const NUM = '[一二三四五六七八九十\\d]{1,4}';
const MEETING = new RegExp(`(\\d{4})年(\\d{1,2})月(\\d{1,2})日在(.{0,40}?)第(${NUM})届(全国)?人民代表大会(?:常务委员会)?第(${NUM})次(?:全体)?会议上`, 'u');
const SHORT_SESSION = new RegExp(`(${NUM})届(全国)?人大(${NUM})次会议`, 'u');
const DATE = /(\d{4})年(\d{1,2})月(\d{1,2})日/u;
const TITLES = '(?:代理|代)?(?:省长|市长|州长|盟长|县长|区长|旗长|主席|总理|副省长|副市长|副县长|副区长)';

export interface Opening {
  meeting_date: string;
  session: string;
  speaker: string;
  /** Text before 第…届 in the meeting line: the place (交城县, 运城市盐湖区). */
  place: string;
  national: boolean;
  year: number | null;
}

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Meeting date, session, place and speaker from the opening paragraphs of a report. */
export function parseOpening(head: string): Opening {
  const out: Opening = { meeting_date: '', session: '', speaker: '', place: '', national: false, year: null };
  const m = MEETING.exec(head);
  if (m) {
    const [, y, mo, d, place, term, national, meeting] = m as unknown as string[];
    out.meeting_date = isoDate(y!, mo!, d!);
    out.year = Number(y);
    out.place = (place ?? '').replace(/^[—\-\s]+/u, '');
    out.national = national === '全国';
    out.session = `第${term}届${national ?? ''}人民代表大会第${meeting}次会议`;
    out.speaker = parseSpeaker(head.slice(m.index + m[0].length));
    return out;
  }
  const s = SHORT_SESSION.exec(head);
  if (s) {
    const [, term, national, meeting] = s as unknown as string[];
    out.session = `第${term}届${national ?? ''}人民代表大会第${meeting}次会议`;
    out.national = national === '全国';
  }
  const d = DATE.exec(head.slice(0, 300));
  if (d) {
    out.meeting_date = isoDate(d[1]!, d[2]!, d[3]!);
    out.year = Number(d[1]);
  }
  return out;
}

/**
 * The speaker from the text after 会议上: strips separators scrapers leave
 * (县;长;魏;栋), the government and the office (稷山县人民政府代县长), and
 * keeps a 2-4 character name; '' when none is stated.
 */
export function parseSpeaker(afterMeeting: string): string {
  let s = (afterMeeting.trimStart().split(/各位代表|现在,/u)[0] ?? '').slice(0, 40);
  s = s.replace(/[\s;;,,、·・:：|/\\()（）【】\[\]—\-]+/gu, '');
  s = s.replace(new RegExp(`^.*?(?:人民政府|国务院)?${TITLES}`, 'u'), '');
  const m = /^\p{Script=Han}{2,4}$/u.exec(s);
  return m ? m[0] : '';
}

const LEVEL_CUE = /我代表(?:(国务院)|[^,,。]{0,12}?(自治区|[省市州盟县区旗])人民政府)/u;

/** The level the report's own words claim: 我代表县人民政府 -> county. */
export function levelCue(text: string): Level | undefined {
  const m = LEVEL_CUE.exec(text);
  if (!m) return undefined;
  if (m[1] === '国务院') return 'national';
  const last = m[2];
  if (last === '省' || last === '自治区') return 'provincial';
  if (last === '市' || last === '州' || last === '盟') return 'prefecture';
  return 'county';
}

const SPECIFICITY: Record<Place['level'], number> = { provincial: 0, prefecture: 1, county: 2 };

/** Picks the most specific place named in a short text (a title or meeting line). */
function mostSpecific(text: string, context: Map<string, number>, gaz: Gazetteer): Place | undefined {
  let best: Place | undefined;
  for (const name of countPlaceNames(text, gaz).keys()) {
    const p = resolvePlace(name, context, gaz);
    if (p && (!best || SPECIFICITY[p.level] > SPECIFICITY[best.level])) best = p;
  }
  return best;
}

/** Picks the most often named place of the given level in a long text (a report that names its city only in the body). */
function mostFrequent(counts: Map<string, number>, level: Level | undefined, gaz: Gazetteer): Place | undefined {
  let best: Place | undefined;
  let bestCount = 0;
  const totals = new Map<string, { place: Place; n: number }>();
  for (const [name, n] of counts) {
    const p = resolvePlace(name, counts, gaz);
    if (!p || (level && level !== 'unknown' && p.level !== level)) continue;
    const t = totals.get(p.code) ?? { place: p, n: 0 };
    t.n += n;
    totals.set(p.code, t);
  }
  for (const { place, n } of totals.values()) {
    if (n > bestCount || (n === bestCount && best && place.code < best.code)) {
      best = place;
      bestCount = n;
    }
  }
  return best;
}

/** Year delivered, from headings when the opening gives none: 2023年工作安排 -> 2023; 2022年工作回顾 -> 2023. */
export function yearFromHeadings(paragraphs: readonly string[]): number | null {
  for (const p of paragraphs) {
    if (p.length > 60) continue;
    const plan = /(\d{4})年(?:政府)?(?:工作安排|工作任务|重点工作|主要任务|.{0,8}总体要求|主要预期目标)/u.exec(p);
    if (plan) return Number(plan[1]);
    const review = /(\d{4})年(?:和“?十[二三四五]五”?时期)?工作回顾/u.exec(p);
    if (review) return Number(review[1]) + 1;
  }
  return null;
}

export interface MetadataInput {
  title: string;
  paragraphs: readonly string[];
}

/** All document variables but `kind`, from the title and the paragraphs. */
export function extractDocVars({ title, paragraphs }: MetadataInput, gaz: Gazetteer = loadGazetteer()): Omit<DocVars, 'kind'> {
  const head = paragraphs.slice(0, 6).join('\n');
  const opening = parseOpening(`${title}\n${head}`);
  const bodyStart = paragraphs.slice(0, 200).join('\n').slice(0, 20000);

  let level: Level = 'unknown';
  let region = '';
  let province = '';
  const national = opening.national || /国务院|全国人民代表大会/u.test(title) || levelCue(head) === 'national';
  if (national) {
    level = 'national';
    region = '全国';
  } else {
    // The opening usually names the place unambiguously; the body is scanned only when it does not.
    const named = (ctx: Map<string, number>) => mostSpecific(title, ctx, gaz) ?? mostSpecific(opening.place, ctx, gaz);
    let place = named(countPlaceNames(`${title}\n${head}`, gaz));
    if (!place || (gaz.byName.get(place.name)?.length ?? 0) > 1) {
      const context = countPlaceNames(`${title}\n${bodyStart}`, gaz);
      place = named(context) ?? mostFrequent(context, levelCue(bodyStart) ?? cueFromSession(`${title}\n${head}`), gaz);
    }
    if (place) {
      region = place.name;
      province = place.province;
      level = place.level;
    } else {
      level = levelCue(bodyStart) ?? 'unknown';
    }
  }

  const titleYear = /(\d{4})年/u.exec(title);
  const year = opening.year ?? (titleYear ? Number(titleYear[1]) : null) ?? yearFromHeadings(paragraphs);
  return { title, region, level, province, year, meeting_date: opening.meeting_date, session: opening.session, speaker: opening.speaker };
}

/** 市五届人大三次会议 -> prefecture. */
function cueFromSession(text: string): Level | undefined {
  const m = /([省市州县区旗])(?:第)?[一二三四五六七八九十\d]{1,4}届人/u.exec(text);
  if (!m) return undefined;
  return m[1] === '省' ? 'provincial' : m[1] === '市' || m[1] === '州' ? 'prefecture' : 'county';
}
