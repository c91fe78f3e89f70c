package db.migration;

import io.tollgate.release.WindowPlacement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills the calendar columns of V110 ({@code window_start}, {@code window_end}, {@code
 * window_long}) for the releases stored before it, from the {@code window} of their documents
 * (every schema version stores it the same way: {@code {start, end}}, ISO-8601 instants or null).
 */
public class V111__Release_windows_for_old_rows extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    JsonMapper json = JsonMapper.builder().build();
    try (PreparedStatement select = c.prepareStatement("select id, document from releases");
        PreparedStatement update =
            c.prepareStatement(
                "update releases set window_start = ?, window_end = ?, window_long = ?"
                    + " where id = ?");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        JsonNode window = json.readTree(rs.getString("document")).path("window");
        WindowPlacement.Placed placed =
            WindowPlacement.place(instant(window.path("start")), instant(window.path("end")));
        if (placed == null) continue;
        update.setObject(1, OffsetDateTime.ofInstant(placed.start(), ZoneOffset.UTC));
        update.setObject(2, OffsetDateTime.ofInstant(placed.end(), ZoneOffset.UTC));
        update.setBoolean(3, placed.isLong());
        update.setString(4, rs.getString("id"));
        update.executeUpdate();
      }
    }
  }

  private static Instant instant(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) return null;
    if (node.isNumber()) {
      // Jackson may write an Instant as seconds.nanos
      java.math.BigDecimal seconds = node.decimalValue();
      return Instant.ofEpochSecond(
          seconds.longValue(),
          seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValue());
    }
    return Instant.parse(node.asString());
  }
}
