package dev.ledgerline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.ledgerline.ledger.messaging.SafeText;

class SafeTextTest {

    @Test
    void keepsPlainTextAsItIs() {
        assertThat(SafeText.of("ACC-001 -> 12.34 EUR (ok)", 100)).isEqualTo("ACC-001 -? 12.34 EUR (ok)");
    }

    @Test
    void replacesMarkupQuotesControlBidiAndNonAsciiCharacters() {
        assertThat(SafeText.of("<a href=\"x\">'`\\&\u0000\u0007\t\r\n\u202e\u2066\u200b\ud800é€", 100))
                .isEqualTo("?a href=?x" + "?".repeat(17));
    }

    @Test
    void cutsLongTextAndSaysSo() {
        assertThat(SafeText.of("x".repeat(1_000), 10)).isEqualTo("xxxxxxx...");
        assertThat(SafeText.of("x".repeat(10), 10)).isEqualTo("x".repeat(10));
        assertThat(SafeText.of(null, 10)).isNull();
    }
}
