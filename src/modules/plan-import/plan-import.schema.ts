/** API schemas of plan imports: the mapping of columns, the preview and the state of an import. */
import { z } from '@hono/zod-openapi';
import { LEVEL_KEY } from '../../domain/vocabulary.ts';

const ROLES = ['level', 'code', 'actors', 'status', 'calendar', 'notes', 'ignore'] as const;

export const ColumnMappingSchema = z
  .object({
    index: z.number().int().min(0).max(500).openapi({ description: 'The column, from 0' }),
    role: z.enum(ROLES),
    level: LEVEL_KEY.max(60)
      .optional()
      .openapi({ description: 'With `role: level`: which level; with `role: code`: the level whose codes it gives' }),
    split: z.enum(['lines', 'cell']).optional().openapi({
      description: 'A cell of several lines or paragraphs: one item per line (`lines`) or one item (`cell`)',
    }),
  })
  .strict()
  .openapi('ColumnMapping');

export const MappingInput = z
  .object({
    tableIndex: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .optional()
      .openapi({ description: 'Another sheet or table of the file, from 0 as listed in `tables`' }),
    headerRow: z.number().int().min(1).max(1_000_000).optional().openapi({ description: 'The row of the headers' }),
    columns: z.array(ColumnMappingSchema).max(500),
    blankCells: z.enum(['above', 'empty']).optional().openapi({
      description: 'A blank cell of a level column: as above (`above`), or no item at that level (`empty`)',
    }),
    actors: z.record(z.string().max(500), z.string().max(120)).optional().openapi({
      description:
        'Names of the actor column matched by hand: name → actor key, `ignore`, or `new:<type>` to create it as a new actor of that type',
    }),
  })
  .strict()
  .openapi('ImportMapping');

const Finding = z
  .object({
    sheet: z.string().optional(),
    table: z.string().optional(),
    row: z.number().int(),
    column: z
      .union([z.string(), z.number().int()])
      .openapi({ description: 'A column letter in a sheet, else a number from 1' }),
    message: z.string(),
  })
  .openapi('ImportFinding');

type TreeNode = { code: string; text: string; level: string; codeMade: boolean; children: TreeNode[] };
const TreeNodeSchema: z.ZodType<TreeNode> = z.lazy(() =>
  z.object({
    code: z.string(),
    text: z.string(),
    level: z.string(),
    codeMade: z.boolean(),
    children: z.array(TreeNodeSchema),
  }),
);

export const PreviewSchema = z
  .object({
    counts: z.record(z.string(), z.number().int()),
    problems: z.array(Finding),
    warnings: z.array(Finding),
    unknownActors: z.array(z.string()),
    tree: z.array(TreeNodeSchema.openapi({ type: 'object', description: 'An item: code, text, level, children' })),
  })
  .openapi('ImportPreview');

export const ImportSchema = z
  .object({
    id: z.uuid(),
    programme: z.string(),
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv', 'docx']),
    tables: z.array(
      z.object({
        index: z.number().int(),
        kind: z.string(),
        name: z.string(),
        rows: z.number().int(),
        chosen: z.boolean(),
      }),
    ),
    headerRow: z.number().int(),
    columns: z.array(z.object({ index: z.number().int(), header: z.string(), guess: ColumnMappingSchema })),
    mapping: z.array(ColumnMappingSchema),
    blankCells: z.enum(['above', 'empty']),
    newActors: z
      .array(z.object({ name: z.string(), type: z.string() }))
      .openapi({ description: 'Names to be created as new actors when the import is committed' }),
    mappingReused: z.boolean().openapi({ description: 'The columns were mapped as the last import of this plan' }),
    committed: z.boolean(),
    preview: PreviewSchema,
  })
  .openapi('Import');

export const ImportProblemsSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    instance: z.string(),
    problems: z.array(Finding),
  })
  .openapi('ImportProblems');
