package io.tollgate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.support.Team;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Signing in and out with a password, and what a visitor who is not signed in gets. */
class SignInBrowserTests extends BrowserTest {

  @Test
  void aWrongPasswordShowsTheErrorAndKeepsThePersonOnTheSignInPage() {
    Team t = teamWithPasswords();
    WebDriver b = browser();
    b.get(url("/login"));
    b.findElement(By.id("username")).sendKeys(t.usernames.get("qa-lead"));
    b.findElement(By.id("password")).sendKeys("not the right password");
    b.findElement(By.cssSelector("button[type=submit]")).click();

    waitFor(b).until(ExpectedConditions.urlContains("/login?error"));
    assertThat(await(b, By.cssSelector(".notice.error")).getText())
        .contains("Wrong username or password");
    assertThat(b.findElements(By.cssSelector("header form[action='/logout']"))).isEmpty();
  }

  @Test
  void signingInLandsOnTheBoardAndSigningOutReturnsToTheSignInPage() {
    Team t = teamWithPasswords();
    WebDriver b = browser();
    signIn(b, t, "release-manager");

    assertThat(URI.create(b.getCurrentUrl()).getPath()).isEqualTo("/");
    await(b, By.cssSelector("[data-testid=board]"));
    assertThat(b.findElement(By.cssSelector("header .account")).getText())
        .contains(t.usernames.get("release-manager"));

    signOut(b);
    assertThat(b.getCurrentUrl()).endsWith("/login?signedOut");
    assertThat(b.findElement(By.cssSelector("main")).getText()).contains("You are signed out");

    b.get(url("/"));
    waitFor(b).until(ExpectedConditions.urlContains("/login"));
    assertThat(URI.create(b.getCurrentUrl()).getPath())
        .as("the session is gone after signing out")
        .isEqualTo("/login");
  }

  @Test
  void anUnauthenticatedVisitToAReleaseRedirectsToSignIn() {
    WebDriver b = browser();
    b.get(url("/releases/x"));
    waitFor(b).until(ExpectedConditions.urlContains("/login"));
    assertThat(URI.create(b.getCurrentUrl()).getPath()).isEqualTo("/login");
    await(b, By.id("username"));
    await(b, By.id("password"));
  }
}
