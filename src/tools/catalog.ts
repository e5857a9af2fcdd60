/** Every tool spec the gateway knows, in a stable order (tool lists must not reorder across restarts). */
import * as confluenceAdmin from './confluence/admin.js';
import * as confluenceAttachments from './confluence/attachments.js';
import * as confluenceBrowse from './confluence/browse.js';
import * as confluenceThreads from './confluence/comment-threads.js';
import * as confluenceHistory from './confluence/history.js';
import * as confluenceOrganize from './confluence/organize.js';
import * as confluencePageWrites from './confluence/page-writes.js';
import * as confluencePages from './confluence/pages.js';
import type { ToolSpec } from './define.js';
import { listInstances } from './gateway/instances.js';
import { setDefaults } from './gateway/set-defaults.js';
import * as jiraAgile from './jira/agile.js';
import * as jiraAnalysis from './jira/analysis.js';
import * as jiraAttachments from './jira/attachments.js';
import * as jiraChangelogs from './jira/changelogs.js';
import * as jiraComments from './jira/comments.js';
import * as jiraDevelopment from './jira/development.js';
import * as jiraFields from './jira/fields.js';
import * as jiraForms from './jira/forms.js';
import * as jiraIssueAdmin from './jira/issue-admin.js';
import * as jiraIssueWrites from './jira/issue-writes.js';
import * as jiraIssues from './jira/issues.js';
import * as jiraLinks from './jira/links.js';
import * as jiraMetrics from './jira/metrics.js';
import * as jiraMove from './jira/move.js';
import * as jiraProjectDetails from './jira/project-details.js';
import * as jiraProjects from './jira/projects.js';
import * as jiraTransitions from './jira/transitions.js';
import * as jiraUsers from './jira/users.js';
import * as jiraVersions from './jira/versions.js';
import * as jiraWorklog from './jira/worklog.js';
import * as serviceDeskApprovals from './servicedesk/approvals.js';
import * as serviceDeskAssets from './servicedesk/assets.js';
import * as serviceDeskCustomers from './servicedesk/customers.js';
import * as serviceDeskDiscovery from './servicedesk/discovery.js';
import * as serviceDeskKnowledge from './servicedesk/knowledge.js';
import * as serviceDeskParticipants from './servicedesk/participants.js';
import * as serviceDeskQueues from './servicedesk/queues.js';
import * as serviceDeskRequestWrites from './servicedesk/request-writes.js';
import * as serviceDeskRequests from './servicedesk/requests.js';
import * as serviceDeskWorkflow from './servicedesk/workflow.js';

export const TOOL_SPECS: readonly ToolSpec[] = [
  jiraIssues.getIssue,
  jiraIssues.search,
  jiraIssueWrites.createIssue,
  jiraIssueWrites.updateIssue,
  jiraFields.searchFields,
  jiraComments.addComment,
  jiraTransitions.getTransitions,
  jiraTransitions.transitionIssue,
  jiraProjects.getAllProjects,
  jiraIssues.getProjectIssues,
  jiraIssueAdmin.assignIssue,
  jiraIssueAdmin.deleteIssue,
  jiraComments.editComment,
  jiraUsers.getUserProfile,
  jiraUsers.searchAssignableUsers,
  jiraUsers.getIssueWatchers,
  jiraUsers.addWatcher,
  jiraUsers.removeWatcher,
  jiraWorklog.getWorklog,
  jiraWorklog.addWorklog,
  jiraLinks.getLinkTypes,
  jiraLinks.createIssueLink,
  jiraLinks.createRemoteIssueLink,
  jiraLinks.removeIssueLink,
  jiraLinks.linkToEpic,
  jiraAgile.getAgileBoards,
  jiraAgile.getBoardIssues,
  jiraAgile.getSprintsFromBoard,
  jiraAgile.getSprintIssues,
  jiraAgile.createSprint,
  jiraAgile.updateSprint,
  jiraAgile.addIssuesToSprint,
  jiraAgile.moveIssuesToBacklog,
  jiraIssueWrites.batchCreateIssues,
  jiraProjectDetails.getFieldOptions,
  jiraProjectDetails.searchProjects,
  jiraProjectDetails.getProjectIssueTypes,
  jiraProjectDetails.getCreateFields,
  jiraProjectDetails.getProjectVersions,
  jiraProjectDetails.getProjectComponents,
  jiraVersions.createVersion,
  jiraVersions.batchCreateVersions,
  jiraVersions.updateVersion,
  jiraAttachments.downloadAttachments,
  jiraAttachments.getIssueImages,
  jiraAttachments.uploadAttachmentTool,
  jiraMetrics.getIssueDates,
  jiraMetrics.getIssueSla,
  jiraChangelogs.batchGetChangelogs,
  jiraAnalysis.getProjectEpicHierarchy,
  jiraAnalysis.getCrossProjectDependencies,
  jiraDevelopment.getIssueDevelopmentInfo,
  jiraMove.moveIssue,
  jiraForms.getIssueForms,
  jiraForms.getFormDetails,
  jiraForms.updateFormAnswers,
  confluencePages.search,
  confluencePages.getPage,
  confluenceBrowse.getPageChildren,
  confluenceBrowse.listSpaces,
  confluenceBrowse.getSpace,
  confluenceBrowse.getSpacePages,
  confluenceBrowse.getComments,
  confluencePageWrites.createPage,
  confluencePageWrites.updatePage,
  confluencePageWrites.addComment,
  confluencePageWrites.updatePageSection,
  confluenceHistory.getPageVersions,
  confluenceHistory.getPageHistory,
  confluenceHistory.getPageDiff,
  confluenceOrganize.deletePage,
  confluenceOrganize.movePage,
  confluenceOrganize.copyPage,
  confluenceOrganize.getSpacePageTree,
  confluenceOrganize.getLabels,
  confluenceOrganize.addLabel,
  confluenceOrganize.searchByLabel,
  confluenceThreads.replyToComment,
  confluenceThreads.getInlineComments,
  confluenceThreads.addInlineComment,
  confluenceAttachments.getAttachments,
  confluenceAttachments.downloadAttachmentTool,
  confluenceAttachments.uploadAttachment,
  confluenceAttachments.deleteAttachment,
  confluenceAttachments.getPageImages,
  confluenceAdmin.searchUser,
  confluenceAdmin.getPageRestrictions,
  confluenceAdmin.setPageRestrictions,
  confluenceAdmin.listPageTemplates,
  confluenceAdmin.getPageTemplate,
  confluenceAdmin.createPageFromTemplate,
  confluenceAdmin.getPageViews,
  serviceDeskDiscovery.listServiceDesks,
  serviceDeskDiscovery.getServiceDesk,
  serviceDeskDiscovery.listRequestTypes,
  serviceDeskDiscovery.getRequestType,
  serviceDeskDiscovery.getRequestTypeFields,
  serviceDeskRequests.getRequests,
  serviceDeskRequests.getRequest,
  serviceDeskRequestWrites.createRequest,
  serviceDeskRequestWrites.addComment,
  serviceDeskRequestWrites.getRequestComments,
  serviceDeskRequests.getRequestStatus,
  serviceDeskWorkflow.getRequestTransitions,
  serviceDeskWorkflow.transitionRequest,
  serviceDeskApprovals.getApprovals,
  serviceDeskApprovals.approveRequest,
  serviceDeskParticipants.getParticipants,
  serviceDeskParticipants.addParticipants,
  serviceDeskParticipants.removeParticipants,
  serviceDeskParticipants.manageNotifications,
  serviceDeskQueues.getQueues,
  serviceDeskQueues.getQueueIssues,
  serviceDeskKnowledge.searchKnowledgeBase,
  serviceDeskCustomers.listCustomers,
  serviceDeskCustomers.addCustomers,
  serviceDeskCustomers.listOrganizations,
  serviceDeskAssets.searchAssets,
  serviceDeskAssets.getAsset,
  listInstances,
  setDefaults,
];
