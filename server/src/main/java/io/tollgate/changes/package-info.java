/**
 * What a release is made of: the commits (posted by a pipeline, or pushed on the release's ref)
 * read as Conventional Commits, the pull requests merged into it, and what they suggest for the
 * release's type, version and notes.
 */
package io.tollgate.changes;
