/**
 * The installation's lifecycle: backups of the embedded database, the move from H2 to PostgreSQL
 * ({@code java -jar tollgate-server.jar migrate --to jdbc:postgresql://…}), and the refusal to
 * start a server older than its database.
 */
package io.tollgate.lifecycle;
