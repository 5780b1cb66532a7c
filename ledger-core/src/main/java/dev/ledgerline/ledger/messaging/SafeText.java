package dev.ledgerline.ledger.messaging;

/**
 * Text from a message made safe to store and to show: printable ASCII only, without the characters that make
 * markup, quoting or escapes ({@code < > & " ' ` \}), and bounded. Everything else (control and bidirectional
 * characters, any non-ASCII letter, a lone surrogate) becomes {@code ?}, so that what is stored can neither
 * run as script in a page that forgets to escape it, nor reorder or hide text in a log or a terminal. The
 * result is a hint for a person, not the original: the original is not kept.
 */
public final class SafeText {

    private static final String REFUSED = "<>&\"'`\\";
    private static final String CUT = "...";

    private SafeText() {
    }

    /**
     * @param maxLength the longest result, marker included; a longer text is cut and ends with {@value #CUT}
     * @return the sanitized text, or null for null
     */
    public static String of(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        boolean cut = text.length() > maxLength;
        int keep = cut ? maxLength - CUT.length() : text.length();
        StringBuilder safe = new StringBuilder(keep + CUT.length());
        for (int i = 0; i < keep; i++) {
            char ch = text.charAt(i);
            safe.append(ch >= 0x20 && ch < 0x7f && REFUSED.indexOf(ch) < 0 ? ch : '?');
        }
        return cut ? safe.append(CUT).toString() : safe.toString();
    }
}
