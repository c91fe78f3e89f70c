/** The web UI's shell: sign-in, and live updates of open pages over server-sent events. */
package io.tollgate.ui;
