/** What every Confluence resource plugin of a site is given: the site's data and flavour, and where its REST API lives. */
import type { FastifyPluginAsync } from 'fastify';
import type { SiteContext } from '../site/site.js';
import type { ConfluenceFlavor, ConfluenceSiteData, SandboxPage } from './confluence-model.js';

export interface ConfluenceContext {
  site: SiteContext;
  data: ConfluenceSiteData;
  flavor: ConfluenceFlavor;
  cloud: boolean;
  /** Confluence's context path: `/wiki` on Cloud, none on Server/DC. */
  contextPath: string;
  findPage: (id: string) => SandboxPage | undefined;
}

/** The options of every Confluence resource plugin. */
export interface ConfluencePluginOptions {
  confluence: ConfluenceContext;
}

/** A Confluence resource plugin: registered in a site's scope, so the site's hooks (credentials, test controls) apply. */
export type ConfluencePlugin = FastifyPluginAsync<ConfluencePluginOptions>;

export function createConfluenceContext(site: SiteContext, data: ConfluenceSiteData): ConfluenceContext {
  const flavor = site.definition.flavor;
  return {
    site,
    data,
    flavor,
    cloud: flavor === 'cloud',
    contextPath: flavor === 'cloud' ? '/wiki' : '',
    findPage: (id) => data.pages.find((page) => page.id === id),
  };
}
