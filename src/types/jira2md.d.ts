/** jira2md ships no types; these are the two converters it exports. */
declare module 'jira2md' {
  const jira2md: {
    to_markdown(wiki: string): string;
    to_jira(markdown: string): string;
  };
  export default jira2md;
}
