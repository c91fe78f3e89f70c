package io.tollgate.process.internal;

import io.tollgate.process.ProcessManagement;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/** Makes sure the built-in OctoAcme process is stored before anyone uses it. */
@Component
@Order(5)
class BuiltInProcess implements ApplicationRunner {
  private final ProcessManagement processes;

  BuiltInProcess(ProcessManagement processes) {
    this.processes = processes;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      processes.ensureBuiltIn();
    } catch (DuplicateKeyException e) {
      // another node stored it at the same moment
    }
  }
}
