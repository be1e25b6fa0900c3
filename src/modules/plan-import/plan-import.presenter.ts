/** The state of an import as the API and the pages show it: messages in the user's language. */
import type { ImportFinding, ImportItem } from '../../domain/plan-import/plan-tree.ts';
import type { MessageKey, Translator } from '../../web/i18n/i18n.ts';
import type { ImportState } from './plan-import.service.ts';

export function presentFinding(i18n: Translator, f: ImportFinding, levelNames: ReadonlyMap<string, string>) {
  const params = {
    ...f.params,
    ...(typeof f.params.level === 'string' ? { level: levelNames.get(f.params.level) ?? f.params.level } : {}),
  };
  return {
    ...(f.sheet !== undefined ? { sheet: f.sheet } : {}),
    ...(f.table !== undefined ? { table: f.table } : {}),
    row: f.row,
    column: f.column,
    message: i18n.t(f.message as MessageKey, params),
  };
}

type Node = { code: string; text: string; level: string; codeMade: boolean; children: Node[] };
const node = (item: ImportItem): Node => ({
  code: item.code,
  text: item.text,
  level: item.level,
  codeMade: item.codeMade,
  children: item.children.map(node),
});

export function presentImport(i18n: Translator, state: ImportState) {
  const levelNames = new Map(state.levels.map((l) => [l.key, i18n.pick(l.name, l.key)]));
  return {
    id: state.id,
    programme: state.programmeSlug,
    fileName: state.fileName,
    format: state.format,
    tables: state.tables,
    headerRow: state.headerRow,
    columns: state.columns,
    mapping: state.mapping,
    blankCells: state.blankCells,
    newActors: state.newActors,
    mappingReused: state.mappingReused,
    committed: state.committed,
    preview: {
      counts: state.tree.counts,
      problems: state.tree.problems.map((f) => presentFinding(i18n, f, levelNames)),
      warnings: state.tree.warnings.map((f) => presentFinding(i18n, f, levelNames)),
      unknownActors: state.tree.unknownActors,
      tree: state.tree.items.map(node),
    },
  };
}
