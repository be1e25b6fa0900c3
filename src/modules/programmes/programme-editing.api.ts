/** API for the secretariat to edit programmes: items, dated status changes, assignments. */

import { createRoute, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { canEditProgrammes } from '../../domain/programme.policy.ts';
import { createApiRouter, problemResponses, UuidParam } from '../../http/api.ts';
import { authorize } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { editorsOnly } from './editors-only.ts';
import { presentItemDetail } from './programme.presenter.ts';
import { ItemDetailSchema, SlugParam } from './programme.schema.ts';
import { getItem } from './programme.service.ts';
import {
  AddItemInput,
  AssignmentInput,
  AssignmentParams,
  StatusChangeInput,
  UpdateItemInput,
} from './programme-editing.schema.ts';
import { addAssignment, addItem, changeItemStatus, removeAssignment, updateItem } from './programme-editing.service.ts';

const tags = ['Programme editing'];
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const itemBody = (description: string) => ({
  description,
  content: { 'application/json': { schema: ItemDetailSchema } },
});
const conflict = {
  409: { description: 'Conflict: `errors` names the field', content: problemResponses[400].content },
};

/** The caller, who passed `editorsOnly`. */
function editor(c: Context<AppEnv>) {
  const p = authorize(c, canEditProgrammes);
  return p;
}

const itemDetail = async (c: Context<AppEnv>, id: string) =>
  presentItemDetail(c.var.i18n, await getItem(c.var.deps.db, id));

export const programmeEditingApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'patch',
      path: '/items/{id}',
      tags,
      summary: "Changes an item's text, code, calendar or dates (secretariat)",
      middleware: [editorsOnly] as const,
      request: { params: UuidParam, body: json(UpdateItemInput) },
      responses: { 200: itemBody('The item as it is now'), ...conflict, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateItem(c.var.deps.db, id, c.req.valid('json'), editor(c));
      return c.json(await itemDetail(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/programmes/{slug}/items',
      tags,
      summary: 'Adds an item, last among its parent’s children or the roots (secretariat)',
      middleware: [editorsOnly] as const,
      request: { params: SlugParam, body: json(AddItemInput) },
      responses: { 201: itemBody('The new item'), ...conflict, ...problemResponses },
    }),
    async (c) => {
      const id = await addItem(c.var.deps.db, c.req.valid('param').slug, c.req.valid('json'), editor(c));
      return c.json(await itemDetail(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/items/{id}/status',
      tags,
      summary: 'Records a dated status change with its note (secretariat)',
      middleware: [editorsOnly] as const,
      request: { params: UuidParam, body: json(StatusChangeInput) },
      responses: { 200: itemBody('The item as it is now'), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await changeItemStatus(c.var.deps.db, id, c.req.valid('json'), editor(c));
      return c.json(await itemDetail(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/items/{id}/assignments',
      tags,
      summary: 'Assigns an actor to the item with a role (secretariat)',
      middleware: [editorsOnly] as const,
      request: { params: UuidParam, body: json(AssignmentInput) },
      responses: { 201: itemBody('The item with its actors'), ...conflict, ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await addAssignment(c.var.deps.db, id, c.req.valid('json'), editor(c));
      return c.json(await itemDetail(c, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/items/{id}/assignments/{actorId}/{role}',
      tags,
      summary: 'Removes an actor’s assignment in that role (secretariat)',
      middleware: [editorsOnly] as const,
      request: { params: AssignmentParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses },
    }),
    async (c) => {
      const { id, actorId, role } = c.req.valid('param');
      await removeAssignment(c.var.deps.db, id, { actorId, role }, editor(c));
      return c.body(null, 204);
    },
  );
