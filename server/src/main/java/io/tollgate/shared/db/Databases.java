package io.tollgate.shared.db;

import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database a data source reaches, where a statement must differ between them. */
public final class Databases {
  private Databases() {}

  /** True on PostgreSQL, false on H2 (in its PostgreSQL mode). */
  public static boolean isPostgres(DataSource dataSource) {
    try {
      return "PostgreSQL"
          .equals(
              JdbcUtils.extractDatabaseMetaData(
                  dataSource, DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException e) {
      throw new IllegalStateException("Cannot tell which database this is", e);
    }
  }

  /**
   * Has PostgreSQL plan the statement afresh on each execution, with its values, instead of keeping
   * one plan for it: the driver sends it unnamed, never as a prepared statement of the session. For
   * a statement whose best plan depends on the table's size where the table is never analysed
   * (autovacuum off), the plan a session keeps after five executions may have been made while the
   * table was nearly empty, and stays for the session's life. Nothing on H2.
   */
  public static void plannedEachTime(PreparedStatement statement) throws SQLException {
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
  }
}
