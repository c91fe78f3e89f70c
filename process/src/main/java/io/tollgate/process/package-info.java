/**
 * Process as code: a company's written release process (roles, requirements, checklist, handoffs,
 * incident playbook, release-notes template) parsed from YAML into a validated, immutable {@link
 * io.tollgate.process.ProcessDefinition}. Plain Java so the server and the CLI share it.
 */
package io.tollgate.process;
