package io.tollgate.lifecycle.web;

import io.swagger.v3.oas.annotations.Operation;
import io.tollgate.lifecycle.Backups;
import io.tollgate.shared.Actor;
import io.tollgate.shared.Forbidden;
import io.tollgate.shared.web.ProblemStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Online backups of the embedded database, for the system administrator. */
@RestController
@RequestMapping("/api/v1/admin/backups")
class BackupApi {
  private final Backups backups;

  BackupApi(Backups backups) {
    this.backups = backups;
  }

  @Operation(
      operationId = "createBackup",
      summary =
          "Write a consistent backup of the embedded H2 database (a zip in the server's backup"
              + " directory) while the server runs (admin; PostgreSQL: use pg_dump)")
  @ProblemStatuses({403, 409})
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Backups.Backup create(@AuthenticationPrincipal Actor actor) {
    if (actor == null || !actor.admin()) {
      throw Forbidden.because("Only the system administrator may back up the database.");
    }
    return backups.backUp();
  }
}
