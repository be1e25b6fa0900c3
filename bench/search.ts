/**
 * Search over a synthetic library: 20,000 documents of about two pages each,
 * in Spanish, English, Portuguese and French, made deterministically from the
 * vocabulary of migration programmes, plus the bundled data. 200 queries of
 * one to four words, with and without accents, some with facets. The figure is
 * the server's time for a whole search (ranked page, snippets, facets) against
 * the same tsquery run as raw SQL (matching ids, ranked, first page) in the
 * same run; on PostgreSQL and on PGlite. Also the time to index the corpus and
 * one PDF of 300 pages.
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { type Database, openDatabase, openPglite } from '../src/db/connect.ts';
import { documents } from '../src/db/schema/index.ts';
import { extractText } from '../src/modules/library/text-extraction.ts';
import { search } from '../src/modules/search/search.service.ts';
import { prepareDatabase } from '../src/server.ts';
import { textPdf } from '../test/support/documents/library-files.ts';
import { findPostgresBin, startCluster } from '../test/support/postgres-cluster.ts';
import type { BenchResult } from './results.ts';

const CORPUS = Number(process.env.BENCH_SEARCH_DOCUMENTS ?? 20_000);
const QUERIES = 200;
const WORDS_PER_DOCUMENT = 700;

const VOCABULARY: Record<'es' | 'en' | 'pt' | 'fr', string[]> = {
  es: 'migración migrantes trabajadores migratorios familias derechos humanos protección consular frontera retorno asilo refugio trata de personas tráfico ilícito niñez no acompañada detención regularización residencia permiso trabajo salud educación integración discriminación xenofobia remesas desarrollo cooperación regional políticas públicas legislación nacional reglamento decreto ley convenio acuerdo bilateral estadísticas censo encuesta informe seguimiento programa interamericano conferencia reunión taller capacitación funcionarios consulados embajadas ministerio interior relaciones exteriores sociedad civil organizaciones albergues víctimas mujeres género jóvenes indígenas afrodescendientes tránsito destino origen'.split(
    ' ',
  ),
  en: 'migration migrants workers migrant families human rights consular protection border return asylum refugees trafficking in persons smuggling unaccompanied children detention regularization residence permit work health education integration discrimination xenophobia remittances development regional cooperation public policies national legislation regulation decree law convention bilateral agreement statistics census survey report follow-up inter-american program conference meeting workshop training officials consulates embassies ministry interior foreign affairs civil society organizations shelters victims women gender youth indigenous transit destination origin'.split(
    ' ',
  ),
  pt: 'migração migrantes trabalhadores migratórios famílias direitos humanos proteção consular fronteira retorno asilo refugiados tráfico de pessoas contrabando crianças desacompanhadas detenção regularização residência autorização trabalho saúde educação integração discriminação xenofobia remessas desenvolvimento cooperação regional políticas públicas legislação nacional regulamento decreto lei convenção acordo bilateral estatísticas censo pesquisa relatório acompanhamento programa interamericano conferência reunião oficina capacitação funcionários consulados embaixadas ministério interior relações exteriores sociedade civil organizações abrigos vítimas mulheres gênero jovens indígenas afrodescendentes trânsito destino origem'.split(
    ' ',
  ),
  fr: 'migration migrants travailleurs migrants familles droits humains protection consulaire frontière retour asile réfugiés traite des personnes trafic illicite enfants non accompagnés détention régularisation résidence permis travail santé éducation intégration discrimination xénophobie transferts développement coopération régionale politiques publiques législation nationale règlement décret loi convention accord bilatéral statistiques recensement enquête rapport suivi programme interaméricain conférence réunion atelier formation fonctionnaires consulats ambassades ministère intérieur affaires étrangères société civile organisations refuges victimes femmes genre jeunes autochtones transit destination origine étrangers'.split(
    ' ',
  ),
};
const LANGUAGES = ['es', 'en', 'pt', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];
const TYPES = ['report', 'legislation', 'study', 'best_practice', 'minutes', 'presentation', 'manual', 'resolution'];

/** The most frequent words of each language, which its configuration drops: nearly half of a real text. */
const FUNCTION_WORDS: Record<Language, string[]> = {
  es: 'de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este porque esta entre cuando muy sin sobre también hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto antes algunos unos otro otras otra tanto esa estos mucho'.split(
    ' ',
  ),
  en: 'the of and to in a is that for it as with was on be by this are or from at which an not have has been their its were they but also these other such may all more than into can would should there any each those who'.split(
    ' ',
  ),
  pt: 'de a o que e do da em um para com não uma os no se na por mais as dos como mas ao ele das seu sua ou quando muito nos já eu também só pelo pela até isso ela entre depois sem mesmo aos seus quem nas esse eles essa num nem suas'.split(
    ' ',
  ),
  fr: 'de la le et les des en un du une que est pour qui dans par sur pas au plus ne se ce il sont avec ou son aux mais comme leur elle nous vous ont sa ses été cette entre sans leurs être ces même tout tous aussi fait dont'.split(
    ' ',
  ),
};
/** Word endings of each language, for the long tail of rarer words. */
const ENDINGS: Record<Language, string[]> = {
  es: ['ción', 'miento', 'dad', 'ado', 'ente', 'ismo', 'ario', 'ores', 'ales', 'ida'],
  en: ['tion', 'ment', 'ity', 'ing', 'ness', 'ism', 'ary', 'ers', 'als', 'ed'],
  pt: ['ção', 'mento', 'dade', 'ado', 'ente', 'ismo', 'ário', 'ores', 'ais', 'ida'],
  fr: ['tion', 'ment', 'ité', 'é', 'ence', 'isme', 'aire', 'eurs', 'aux', 'ée'],
};
/** Distinct words of each language beyond the programmes' vocabulary: names, places, technical terms. */
const TAIL_WORDS = 20_000;
const SYLLABLES =
  'ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga go gu la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za'.split(
    ' ',
  );

/** A small deterministic generator (mulberry32): the same corpus and queries on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '');

/**
 * A language's words by rank, and a draw that follows Zipf's law (the word of
 * rank r as often as 1/r): function words first, then the programmes'
 * vocabulary, then a long tail of rarer words made of syllables.
 */
function lexicon(language: Language) {
  const next = random(LANGUAGES.indexOf(language) + 1);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const tail = new Set<string>();
  while (tail.size < TAIL_WORDS) {
    const stem = Array.from({ length: 2 + Math.floor(next() * 2) }, () => pick(SYLLABLES)).join('');
    tail.add(stem + pick(ENDINGS[language]));
  }
  const words = [...FUNCTION_WORDS[language], ...VOCABULARY[language], ...tail];
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= words.length; r++) {
    sum += 1 / r;
    cumulative.push(sum);
  }
  /** A word of rank `from` to `to` (excluded), drawn by Zipf's law. */
  const draw = (rnd: () => number, from = 0, to = words.length) => {
    const low = from === 0 ? 0 : (cumulative[from - 1] as number);
    const target = low + rnd() * ((cumulative[to - 1] as number) - low);
    let lo = from;
    let hi = to - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return words[lo] as string;
  };
  return { words, draw, contentFrom: FUNCTION_WORDS[language].length };
}
const LEXICONS = Object.fromEntries(LANGUAGES.map((l) => [l, lexicon(l)])) as Record<
  Language,
  ReturnType<typeof lexicon>
>;

/**
 * Documents of about two pages: words drawn by Zipf's law, a tenth of them
 * from the document's own topic (a few content words it keeps coming back to,
 * as a real document does).
 */
function corpusRows(countries: string[]) {
  const next = random(20261204);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: CORPUS }, (_, i) => {
    const language = LANGUAGES[i % LANGUAGES.length] as Language;
    const { draw, contentFrom } = LEXICONS[language];
    const topic = Array.from({ length: 8 }, () => draw(next, contentFrom));
    const word = () => (next() < 0.1 ? pick(topic) : draw(next));
    const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
    const half = WORDS_PER_DOCUMENT / 2;
    return {
      title: { [language]: sentence(6) },
      summary: { [language]: sentence(30) },
      type: pick(TYPES),
      languages: [language],
      issuedOn: `${2000 + (i % 26)}-0${1 + (i % 9)}-1${i % 9}`,
      pages: [`${sentence(half)}.`, `${sentence(half)}.`],
      country: pick(countries),
    };
  });
}

/** What people look for: one to four content words, drawn as they occur in the texts, among the 2,000 most frequent. */
export function queries(countries: string[]) {
  const next = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: QUERIES }, (_, i) => {
    const { draw, contentFrom } = LEXICONS[LANGUAGES[i % LANGUAGES.length] as Language];
    const n = 1 + (i % 4);
    let q = Array.from({ length: n }, () => draw(next, contentFrom, contentFrom + 2000)).join(' ');
    if (i % 3 === 0) q = stripAccents(q);
    return {
      q,
      page: 1,
      ...(i % 5 === 0 ? { type: pick(TYPES) } : {}),
      ...(i % 7 === 0 ? { country: pick(countries) } : {}),
    };
  });
}

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? Number.NaN;

export async function loadCorpus(database: Database): Promise<number> {
  const db = database.db;
  const states = (
    (await db.execute(sql`select id, key from actors where type = 'member_state' order by key`)) as unknown as {
      rows: { id: string; key: string }[];
    }
  ).rows;
  const rows = corpusRows(states.map((s) => s.key));
  const idOf = new Map(states.map((s) => [s.key, s.id]));
  const started = performance.now();
  for (let i = 0; i < rows.length; i += 250) {
    const chunk = rows.slice(i, i + 250).map((r) => ({ ...r, id: crypto.randomUUID() }));
    await db.insert(documents).values(
      chunk.map((r) => ({
        id: r.id,
        title: r.title,
        summary: r.summary,
        type: r.type as 'report',
        languages: r.languages,
        issuedOn: r.issuedOn,
        visibility: 'public' as const,
        textStatus: 'extracted' as const,
        pages: r.pages,
        // As the library's write path sets it with the links.
        countryIds: [idOf.get(r.country) as string],
      })),
    );
    await db.execute(
      sql`insert into document_actors (document_id, actor_id, role) values ${sql.join(
        chunk.map((r) => sql`(${r.id}, ${idOf.get(r.country)}, 'country')`),
        sql`, `,
      )}`,
    );
  }
  await db.execute(sql`analyze documents`);
  return performance.now() - started;
}

async function onDatabase(name: 'postgres' | 'pglite', database: Database): Promise<BenchResult[]> {
  await prepareDatabase(database, pino({ level: 'silent' }));
  const indexMs = await loadCorpus(database);
  console.log(`${name}: ${CORPUS} documents indexed in ${(indexMs / 1000).toFixed(1)} s`);
  const states = (
    (await database.db.execute(sql`select key from actors where type = 'member_state'`)) as unknown as {
      rows: { key: string }[];
    }
  ).rows.map((r) => r.key);
  const asked = queries(states);
  // Warm-up: the first queries load dictionaries and pages.
  for (const q of asked.slice(0, 10)) await search(database.db, null, q);
  const full: number[] = [];
  const raw: number[] = [];
  let found = 0;
  for (const q of asked) {
    let t = performance.now();
    const result = await search(database.db, null, q);
    full.push(performance.now() - t);
    found += result.total;
    t = performance.now();
    await database.db.execute(
      sql`select id from documents, websearch_to_tsquery('enlace_es', ${q.q}) query
          where search_vector @@ query order by ts_rank_cd(search_vector, query) desc limit 20`,
    );
    raw.push(performance.now() - t);
  }
  const p95 = percentile(full, 95);
  const rawP95 = percentile(raw, 95);
  console.log(
    `${name}: search p50 ${percentile(full, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; raw tsquery p95 ${rawP95.toFixed(1)} ms; ${(found / asked.length).toFixed(0)} results a query on average`,
  );
  return [
    {
      name: `search.${name}.p95_ms`,
      value: p95,
      unit: 'ms',
      baseline: rawP95,
      ratio: p95 / rawP95,
      budget: '≤ 50 ms',
      pass: p95 <= 50,
    },
    {
      name: `search.${name}.index_corpus_s`,
      value: indexMs / 1000,
      unit: 's',
      baseline: CORPUS,
      baselineUnit: 'documents',
      // Milliseconds a document.
      ratio: indexMs / CORPUS,
    },
  ];
}

/** One PDF of 300 pages: its text extracted and indexed as an upload's job does. */
async function pdfOf300Pages(): Promise<BenchResult> {
  const words = VOCABULARY.es;
  const next = random(300);
  const pages = Array.from({ length: 300 }, () =>
    Array.from({ length: 350 }, () => words[Math.floor(next() * words.length)]).join(' '),
  );
  const pdf = await textPdf(pages);
  const database = await openPglite();
  try {
    await prepareDatabase(database, pino({ level: 'silent' }));
    const started = performance.now();
    const text = await extractText('application/pdf', pdf);
    const extracted = performance.now() - started;
    await database.db.insert(documents).values({
      id: crypto.randomUUID(),
      title: { es: 'Trescientas páginas' },
      type: 'study',
      languages: ['es'],
      visibility: 'public',
      textStatus: text.status,
      pages: text.pages,
    });
    const total = performance.now() - started;
    console.log(
      `pdf of 300 pages (${(pdf.length / 1024).toFixed(0)} KB): text in ${extracted.toFixed(0)} ms, indexed in ${total.toFixed(0)} ms`,
    );
    return { name: 'search.pdf_300_pages_ms', value: total, unit: 'ms', baseline: extracted, ratio: total / extracted };
  } finally {
    await database.close();
  }
}

export async function benchSearch(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const bin = findPostgresBin();
  if (bin) {
    const cluster = await startCluster(bin, { durable: true });
    const database = await openDatabase({ kind: 'postgres', url: cluster.url });
    try {
      results.push(...(await onDatabase('postgres', database)));
    } finally {
      await database.close();
      cluster.stop();
    }
  }
  const pglite = await openPglite();
  try {
    results.push(...(await onDatabase('pglite', pglite)));
  } finally {
    await pglite.close();
  }
  results.push(await pdfOf300Pages());
  return results;
}
