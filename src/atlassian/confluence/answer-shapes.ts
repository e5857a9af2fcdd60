/**
 * The parts of Confluence's answers that many operations share (v2 pages and spaces, v1 content and spaces,
 * `results` listings), as the zod shapes `shape.ts` checks answers with: only the fields the gateway reads.
 */
import { z } from 'zod';
import { anyId, loose, once, optionalList, optionalObject, optionalText } from '../shape.js';

const storageBody = once(() => optionalObject({ storage: optionalObject({ value: optionalText }) }));
const webLinks = once(() => optionalObject({ webui: optionalText, next: optionalText, download: optionalText }));

/** A v2 page (or blog post, child, comment): the id and title are shown, the body converted. */
export const v2PageShape = once(() =>
  loose({
    id: anyId,
    title: z.string(),
    spaceId: anyId.nullish(),
    parentId: anyId.nullish(),
    version: optionalObject({ number: z.number().nullish(), createdAt: optionalText, authorId: optionalText }),
    body: storageBody(),
    _links: webLinks(),
  }),
);

/** v1 content: pages, comments and attachments of Server/DC (and Cloud's v1 calls). */
export const v1ContentShape = once(() =>
  loose({
    id: anyId,
    title: z.string(),
    space: optionalObject({ key: optionalText, name: optionalText }),
    ancestors: optionalList(loose({ id: anyId })),
    version: optionalObject({ number: z.number().nullish(), when: optionalText }),
    body: storageBody(),
    _links: webLinks(),
  }),
);

export const v2SpaceShape = once(() =>
  loose({
    id: anyId,
    key: z.string(),
    name: z.string(),
    type: optionalText,
    status: optionalText,
    homepageId: anyId.nullish(),
    description: optionalObject({ plain: optionalObject({ value: optionalText }) }),
    _links: webLinks(),
  }),
);

export const v1SpaceShape = once(() =>
  loose({
    id: anyId.nullish(),
    key: z.string(),
    name: z.string(),
    type: optionalText,
    status: optionalText,
    description: optionalObject({ plain: optionalObject({ value: optionalText }) }),
    homepage: optionalObject({ id: anyId.nullish() }),
    _links: webLinks(),
  }),
);

/** A `results` listing (v1 and v2): the list is walked; `_links.next` and `size` say where the next page starts. */
export function resultsOf<S extends z.ZodType>(item: S) {
  return loose({
    results: z.array(item),
    size: z.number().nullish(),
    start: z.number().nullish(),
    totalSize: z.number().nullish(),
    _links: webLinks(),
  });
}
