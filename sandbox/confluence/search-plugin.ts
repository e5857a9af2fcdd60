/**
 * Confluence CQL search (`/rest/api/search`, v1 on both flavours): results with excerpts from the pages' text. A
 * query Confluence cannot parse is a 400, and so is `siteSearch` on a Server/DC release too old to know it.
 */
import { compileCql, QuerySyntaxError } from '../query/cql-filter.js';
import { storageText } from '../text/storage-text.js';
import type { ConfluenceContext, ConfluencePlugin } from './confluence-context.js';
import { cqlRefused } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';
import { webui } from './page-payloads.js';

const plainText = (page: SandboxPage) => storageText(page.storage);

/** A page as a search result. */
const searchResult = (confluence: ConfluenceContext, item: SandboxPage) => ({
  content: {
    id: item.id,
    type: 'page',
    status: 'current',
    title: item.title,
    _links: { webui: confluence.cloud ? webui(confluence, item) : `/pages/viewpage.action?pageId=${item.id}` },
    _expandable: {},
  },
  title: item.title,
  excerpt: plainText(item).slice(0, 160).replace(/\n+/g, ' '),
  url: confluence.cloud ? webui(confluence, item) : `/pages/viewpage.action?pageId=${item.id}`,
  resultGlobalContainer: { title: confluence.data.space.name, displayUrl: `/spaces/${confluence.data.space.key}` },
  breadcrumbs: [],
  entityType: 'content',
  iconCssClass: 'aui-icon content-type-page',
  lastModified: item.updated,
  friendlyLastModified: 'Nov 01, 2026',
});

export const searchPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { contextPath, data, site } = confluence;
  app.get<{ Querystring: { cql?: string; limit?: string; start?: string } }>(
    `${contextPath}/rest/api/search`,
    async (request, reply) => {
      const cql = request.query.cql ?? '';
      if (!confluence.cloud && /siteSearch/i.test(cql) && site.options.legacySearch)
        return cqlRefused(reply, 'Could not parse cql : siteSearch is not supported');
      let matches: (page: SandboxPage) => boolean;
      try {
        matches = compileCql(cql, data.space.key, plainText);
      } catch (error) {
        if (!(error instanceof QuerySyntaxError)) throw error;
        return cqlRefused(reply, `Could not parse cql : ${error.message}`);
      }
      const matching = data.pages.filter(matches);
      const start = Number(request.query.start ?? 0);
      const limit = Math.min(Number(request.query.limit ?? 25), 100);
      const page = matching.slice(start, start + limit);
      return {
        results: page.map((item) => searchResult(confluence, item)),
        start,
        limit,
        size: page.length,
        totalSize: matching.length,
        cqlQuery: cql,
        searchDuration: 3,
        _links: { base: `${site.baseUrl()}${contextPath}`, context: contextPath },
      };
    },
  );
};
