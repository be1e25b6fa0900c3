/** Page routes of actors. */
import { Hono } from 'hono';
import { today } from '../../domain/zoned-time.ts';
import type { AppEnv } from '../../http/env.ts';
import { currentUrl, parseOr400 } from '../../http/pages.ts';
import { sameForPeers } from '../../http/peer-pages.ts';
import { render } from '../../http/render.tsx';
import { agreementsOwnedBy } from '../meetings/meeting.service.ts';
import { reportsOfActor } from '../reporting/report.service.ts';
import { ActorFilterSchema, ActorIdParam } from './actor.schema.ts';
import { getActor, listActors } from './actor.service.ts';
import { ActorPage, ActorsPage } from './actor.views.tsx';

export const actorPages = new Hono<AppEnv>()
  .get('/actors', async (c) => {
    const query = c.req.query();
    const { type } = parseOr400(ActorFilterSchema, query.type === '' ? {} : { type: query.type }, '');
    const actors = await listActors(c.var.deps.db, { type });
    return render(c, <ActorsPage i18n={c.var.i18n} actors={actors} type={type} currentUrl={currentUrl(c)} />);
  })
  .get('/actors/:id', async (c) => {
    // Agreements and reports as the person's rights show them: the same for every peer.
    sameForPeers(c);
    const { id } = parseOr400(ActorIdParam, c.req.param(), '');
    const onDate = today();
    const detail = await getActor(c.var.deps.db, id, onDate);
    const [agreements, reports] = await Promise.all([
      agreementsOwnedBy(c.var.deps.db, detail.reachedThrough, c.var.principal),
      reportsOfActor(c.var.deps.db, detail.actor.id, c.var.principal),
    ]);
    return render(
      c,
      <ActorPage
        i18n={c.var.i18n}
        detail={detail}
        onDate={onDate}
        currentUrl={currentUrl(c)}
        agreements={agreements}
        reports={reports}
      />,
    );
  });
