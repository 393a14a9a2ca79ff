package org.paperboy.bounces;

/**
 * What a returned mail says about one recipient.
 *
 * @param recipient         the failed recipient as reported (Final-Recipient or the text), lower case; null when the mail names none
 * @param originalRecipient the address as originally sent to (Original-Recipient), when the report gives it
 * @param kind              what it means for the reader
 * @param status            the enhanced status code (RFC 3463), e.g. 5.1.1; null when the mail gives none
 * @param reason            the reason in Sisimai's taxonomy, e.g. userunknown, mailboxfull, feedback, vacation
 * @param diagnostic        the remote server's words, on one line, at most {@value #MAX_DIAGNOSTIC} characters
 */
public record Report(String recipient, String originalRecipient, Kind kind, String status, String reason, String diagnostic) {

    static final int MAX_DIAGNOSTIC = 500;
    private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("[\\p{Cntrl}\\s]+");

    public Report {
        if (kind == null || reason == null) {
            throw new IllegalArgumentException("a report needs a kind and a reason");
        }
        diagnostic = oneLine(diagnostic);
    }

    /** Data from a stranger's mail: no CR/LF or control characters, whitespace collapsed, length capped. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = BLANKS.matcher(text).replaceAll(" ").strip();
        return line.length() <= MAX_DIAGNOSTIC ? line : line.substring(0, MAX_DIAGNOSTIC);
    }
}
