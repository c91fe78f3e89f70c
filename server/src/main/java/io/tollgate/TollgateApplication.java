package io.tollgate;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Tollgate: a company's written release process, made to run. */
@SpringBootApplication
@org.springframework.scheduling.annotation.EnableScheduling
public class TollgateApplication {

  public static void main(String[] args) {
    // a command (migrate …) runs instead of the server, before Spring Boot starts anything
    java.util.Optional<Integer> command =
        io.tollgate.lifecycle.Commands.run(args, System.getenv(), System.out);
    if (command.isPresent()) {
      System.exit(command.get());
      return;
    }
    SpringApplication app = new SpringApplication(TollgateApplication.class);
    app.setDefaultProperties(defaults());
    for (String arg : args) {
      if (arg.equals("--demo")) {
        System.setProperty("tollgate.demo", "true");
      }
    }
    app.run(args);
  }

  /**
   * How many requests are worked on at once unless {@code TOLLGATE_WORKER_THREADS} says otherwise:
   * four per core. Requests are short and mostly CPU (the embedded database runs in this process),
   * so more threads than that only take turns on the cores, and a thread that loses its core while
   * holding a release's or the audit chain's lock keeps every thread behind it waiting. Further
   * requests queue on their connections. Measured with bench/: at 16 clients on 2 cores, Tomcat's
   * default of 200 gave a worst command p99 of 51–66 ms, six threads 42 ms.
   */
  public static int workerThreads() {
    return Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
  }

  /** Defaults that depend on the machine, below every other source of configuration. */
  public static java.util.Map<String, Object> defaults() {
    return java.util.Map.of("tollgate.default-worker-threads", String.valueOf(workerThreads()));
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
