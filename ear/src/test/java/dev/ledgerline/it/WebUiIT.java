package dev.ledgerline.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in a real browser (headless Chromium) against the running application: what a person does with
 * the page, checked against what the API says happened. Each test saves a screenshot in target/screenshots.
 */
@ExtendWith(LedgerBrokerExtension.class)
@ExtendWith(LedgerDatabaseExtension.class)
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebUiIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static HeadlessChromium chromium;

    private final LedgerApiClient api = new LedgerApiClient(IntegrationSettings.httpPort());
    /** The UI is served over HTTPS only; its login cookie would not be sent over plain HTTP. */
    private final String base = "https://localhost:" + IntegrationSettings.httpsPort() + "/";

    @Deployment(testable = false)
    static EnterpriseArchive ledgerline() {
        return Deployments.ledgerline();
    }

    @BeforeAll
    static void startBrowser() {
        chromium = HeadlessChromium.start(new Dimension(1000, 900));
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Every test but the login tests acts as the demo operator, who may see and do everything they show. */
    @BeforeEach
    void logInAsTheOperator() {
        logInAs(DemoUser.OLIVIA);
    }

    @Test
    void plainHttpIsRedirectedToHttpsAndNothingShowsBeforeALogin() {
        WebDriver driver = chromium.driver();
        logOut();
        driver.get("http://127.0.0.1:" + IntegrationSettings.httpPort() + "/#/accounts");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(driver.getCurrentUrl()).startsWith("https://");
        assertThat(driver.findElements(By.cssSelector("nav li")).stream().filter(WebElement::isDisplayed)).isEmpty();

        driver.findElement(By.id("username")).sendKeys("olivia");
        driver.findElement(By.id("password")).sendKeys("wrong");
        driver.findElement(By.id("login-submit")).click();
        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        waitFor().until(d -> !error.getText().isEmpty());
        assertThat(error.getText()).contains("wrong");
        chromium.screenshot("login-refused");
    }

    @Test
    void aCustomerSeesOnlyTheirOwnAccountAndMayCreditAnyOther() {
        logInAs(DemoUser.ADA);
        WebDriver driver = chromium.driver();
        open("#/accounts");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-total='EUR']")));
        assertThat(driver.findElement(By.id("who-user")).getText()).isEqualTo("ada (customer)");
        assertThat(driver.findElement(By.id("main")).getText()).contains("ACC-001").doesNotContain("ACC-002");
        assertThat(visibleNav()).containsExactly("Accounts", "New transfer", "Transfers");
        chromium.screenshot("customer-accounts");

        open("#/new");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("submit-transfer")));
        assertThat(new Select(driver.findElement(By.id("fromAccount"))).getOptions()).hasSize(1);
        driver.findElement(By.id("toAccount")).sendKeys("ACC-002");
        driver.findElement(By.id("amount")).sendKeys("0.10");
        new Select(driver.findElement(By.id("mode"))).selectByValue("idempotent");
        driver.findElement(By.id("submit-transfer")).click();
        String id = awaitResultId();
        JsonObject done = api.awaitFinal(java.util.UUID.fromString(id), DEADLINE);
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getString("fromAccount")).isEqualTo("ACC-001");
    }

    @Test
    void anAuditorReadsEverythingButIsOfferedNoNewTransfer() {
        logInAs(DemoUser.AUDREY);
        assertThat(visibleNav()).containsExactly("Accounts", "Transfers", "Health of the money", "Compare");
        open("#/accounts");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-total='EUR']")));
        assertThat(chromium.driver().findElement(By.id("main")).getText()).contains("ACC-001").contains("ACC-002");
        chromium.screenshot("auditor-accounts");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"xa", "idempotent"})
    void aTransferSubmittedFromTheFormCompletesInTheLiveList(String mode) {
        String id = submitFromForm("ACC-001", "ACC-002", "1.25", mode);

        open("#/transfers");
        Row row = awaitRowStatus(id, "COMPLETED");
        assertThat(row.mode()).isEqualTo(mode);
        assertThat(row.appliedBy())
                .isEqualTo(IntegrationSettings.PROCESS_NAME + (mode.equals("xa") ? " (liberty-tm)" : " (none)"));
        assertThat(row.text()).contains("ACC-001 → ACC-002").contains("1.25 EUR").contains(" ms");
        chromium.screenshot("transfers-" + mode);
        assertThat(api.get("transfers/" + id).json().getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void anOverdraftIsRejectedWithItsReason() {
        String tooMuch = BigDecimal.valueOf(api.balances().get("ACC-006")).movePointLeft(2).add(BigDecimal.ONE).toPlainString();

        String id = submitFromForm("ACC-006", "ACC-007", tooMuch, "idempotent");

        open("#/transfers");
        Row row = awaitRowStatus(id, "REJECTED");
        assertThat(row.reason()).startsWith("insufficient funds");
        chromium.screenshot("transfer-rejected");
    }

    @Test
    void aDoubleClickAndAResubmitMakeOneTransfer() {
        WebDriver driver = chromium.driver();
        fillForm("ACC-003", "ACC-004", "2.00", "xa");
        String key = driver.findElement(By.id("idempotencyKey")).getAttribute("value");

        new Actions(driver).doubleClick(driver.findElement(By.id("submit-transfer"))).perform();
        String id = awaitResultId();
        // The same form sent again, as a person who was not sure would: the server answers with the same transfer.
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("submit-transfer"))).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("transfer-result"), "Already submitted"));
        chromium.screenshot("transfer-double-click");

        assertThat(awaitResultId()).isEqualTo(id);
        api.awaitFinal(java.util.UUID.fromString(id), DEADLINE);
        List<JsonObject> withKey = api.get("transfers?limit=500").jsonArrayOrObject().asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(t -> t.getString("idempotencyKey").equals(key)).toList();
        assertThat(withKey).hasSize(1);
        assertThat(withKey.get(0).getString("id")).isEqualTo(id);
    }

    @Test
    void aBadAmountShowsTheServersErrorNextToTheAmountField() {
        WebDriver driver = chromium.driver();
        fillForm("ACC-001", "ACC-002", "12.3.4", "xa");
        driver.findElement(By.id("submit-transfer")).click();

        WebElement error = waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("amount-error")));
        assertThat(error.getText()).startsWith("amount ");
        WebElement amount = driver.findElement(By.id("amount"));
        assertThat(amount.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(amount.getAttribute("aria-describedby")).contains("amount-error");
        // Next to the field: in the same field group, right under its input.
        assertThat(error.findElement(By.xpath("..")).findElement(By.tagName("input")).getAttribute("id")).isEqualTo("amount");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("amount");
        assertThat(driver.findElement(By.id("transfer-result")).getText()).isEmpty();
        chromium.screenshot("transfer-bad-amount");
    }

    @Test
    void theHealthPageShowsEveryInvariantAsTheServerEvaluatesIt() {
        open("#/health");
        waitFor().until(d -> !d.findElements(By.cssSelector("#invariants li")).isEmpty()
                && !d.findElements(By.cssSelector("#backlog li")).isEmpty()
                && !d.findElements(By.cssSelector("#readiness li")).isEmpty());
        var results = api.invariants(Duration.ofSeconds(60)).getJsonArray("results");
        List<WebElement> shown = chromium.driver().findElements(By.cssSelector("#invariants li"));
        assertThat(shown).hasSize(results.size());
        for (var result : results) {
            JsonObject r = result.asJsonObject();
            WebElement item = chromium.driver().findElement(By.cssSelector("#invariants li[data-check='" + r.getString("name") + "']"));
            assertThat(item.getAttribute("class")).contains(r.getBoolean("holds") ? "ok" : "bad");
        }
        assertThat(chromium.driver().findElement(By.cssSelector("#readiness li")).getAttribute("class")).contains("ok");
        chromium.screenshot("health");
    }

    @Test
    void theAccountsPageFitsAPhoneScreenWithATotalPerCurrency() {
        WebDriver driver = chromium.driver();
        driver.manage().window().setSize(new Dimension(360, 740));
        try {
            open("#/accounts");
            WebElement total = waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-total='EUR']")));
            assertThat(total.getText()).matches("-?\\d+\\.\\d{2}");
            Long pageWidth = (Long) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(pageWidth).as("horizontal overflow of the page at 360 px").isLessThanOrEqualTo(0L);
            chromium.screenshot("accounts-360");
        } finally {
            driver.manage().window().setSize(new Dimension(1000, 900));
        }
    }

    @Test
    void healthIsOpenMetricsNeedAUserOverHttpsAndTheComparePageShowsThem() {
        var xa = api.submitAccepted("xa", "ACC-005", "ACC-001", "0.50", "EUR");
        api.awaitFinal(xa, DEADLINE);

        var ready = api.get("../health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("UP");
        assertThat(api.get("../health/live").json().getString("status")).isEqualTo("UP");
        int https = IntegrationSettings.httpsPort();
        assertThat(LedgerApiClient.overHttps(https, null).get("../metrics").status()).isEqualTo(401);
        assertThat(LedgerApiClient.overHttps(https, DemoUser.ADA).get("../metrics").status()).isEqualTo(403);
        var metrics = LedgerApiClient.overHttps(https, DemoUser.AUDREY).get("../metrics?scope=application");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("ledgerline_transfers_finished_total\\{[^}]*mode=\"xa\"[^}]*status=\"COMPLETED\"[^}]*} [1-9]")
                .contains("ledgerline_transfer_latency_seconds");
        JsonObject statistics = api.get("statistics").json().getJsonObject("modes").getJsonObject("xa");
        assertThat(statistics.getJsonNumber("completed").longValue()).isPositive();
        // Milliseconds, not the timer's nanoseconds or the exposition's seconds: an XA transfer takes longer
        // than half a millisecond (two two-phase commits) and, here, well under half a minute.
        assertThat(statistics.getJsonNumber("latencyP50Millis").doubleValue()).isBetween(0.5, 30_000.0);

        open("#/compare");
        By completedXa = By.xpath("//tr[th='Completed']/td[@data-mode='xa']");
        waitFor().until(d -> !d.findElements(completedXa).isEmpty()
                && Long.parseLong(d.findElement(completedXa).getText()) >= statistics.getJsonNumber("completed").longValue());
        assertThat(chromium.driver().findElement(By.xpath("//tr[starts-with(th,'Latency p50')]/td[@data-mode='xa']")).getText())
                .endsWith(" ms");
        chromium.screenshot("compare");
    }

    /** Logs in through the UI's form, unless the browser is logged in as this user already. */
    private void logInAs(DemoUser user) {
        WebDriver driver = chromium.driver();
        open("#/accounts");
        waitFor().until(d -> !d.findElements(By.id("login-form")).isEmpty() || !d.findElements(By.id("who-user")).isEmpty());
        var who = driver.findElements(By.id("who-user"));
        if (!who.isEmpty() && who.get(0).getText().startsWith(user.login() + " (")) {
            return;
        }
        logOut();
        open("#/accounts");
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        driver.findElement(By.id("username")).sendKeys(user.login());
        driver.findElement(By.id("password")).sendKeys(user.password());
        driver.findElement(By.id("login-submit")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("who-user"), user.login() + " ("));
    }

    private void logOut() {
        open("#/accounts");
        waitFor().until(d -> !d.findElements(By.id("login-form")).isEmpty() || !d.findElements(By.id("logout")).isEmpty());
        var out = chromium.driver().findElements(By.id("logout"));
        if (!out.isEmpty()) {
            out.get(0).click();
            waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        }
    }

    private List<String> visibleNav() {
        return chromium.driver().findElements(By.cssSelector("nav li")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    private String submitFromForm(String from, String to, String amount, String mode) {
        fillForm(from, to, amount, mode);
        chromium.driver().findElement(By.id("submit-transfer")).click();
        return awaitResultId();
    }

    private void fillForm(String from, String to, String amount, String mode) {
        WebDriver driver = chromium.driver();
        open("#/new");
        waitFor().until(ExpectedConditions.elementToBeClickable(By.id("submit-transfer")));
        new Select(driver.findElement(By.id("fromAccount"))).selectByValue(from);
        new Select(driver.findElement(By.id("toAccount"))).selectByValue(to);
        driver.findElement(By.id("amount")).sendKeys(amount);
        new Select(driver.findElement(By.id("mode"))).selectByValue(mode);
    }

    private String awaitResultId() {
        return waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#transfer-result [data-transfer-id]")))
                .getAttribute("data-transfer-id");
    }

    /** A row of the live list as it read when it showed the status (read at once: the list redraws itself). */
    private record Row(String mode, String reason, String appliedBy, String text) {
    }

    private Row awaitRowStatus(String id, String status) {
        By row = By.cssSelector("tr[data-transfer-id='" + id + "']");
        return waitFor().until(d -> d.findElements(row).stream()
                .filter(r -> r.findElement(By.className("status-cell")).getText().equals(status))
                .map(r -> new Row(r.findElement(By.className("mode")).getText(),
                        r.findElement(By.className("reason")).getText(),
                        r.findElement(By.className("applied-by")).getText(), r.getText()))
                .findFirst().orElse(null));
    }

    /** Opens a page of the UI afresh (a full load, so that nothing of the previous test's page remains). */
    private void open(String route) {
        chromium.driver().get("about:blank");
        chromium.driver().get(base + route);
    }

    private WebDriverWait waitFor() {
        WebDriverWait wait = new WebDriverWait(chromium.driver(), DEADLINE, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }
}
