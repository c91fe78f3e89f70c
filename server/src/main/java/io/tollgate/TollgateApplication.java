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
    SpringApplication app = new SpringApplication(TollgateApplication.class);
    for (String arg : args) {
      if (arg.equals("--demo")) {
        System.setProperty("tollgate.demo", "true");
      }
    }
    app.run(args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
