package org.paperboy.bounces;

import java.util.List;

/**
 * One mail read from the bounce mailbox, understood.
 *
 * @param messageId         the returned mail's own Message-ID (without angle brackets), for idempotence; may be null
 * @param addressedTo       the addresses the returned mail was delivered to (To, Delivered-To, X-Original-To):
 *                          where a VERP envelope sender shows up
 * @param originalMessageId the Message-ID of our message that came back, when the mail quotes it
 * @param reports           one per recipient reported; a mail with nothing to report has one of kind none
 * @param unreadable        a bounce (by its sender, subject or type) in which no failed recipient was found:
 *                          kept in the mailbox and reported, never acted on
 */
public record ReturnedMail(String messageId, List<String> addressedTo, String originalMessageId, List<Report> reports,
                           boolean unreadable) {

    public ReturnedMail {
        addressedTo = List.copyOf(addressedTo);
        reports = List.copyOf(reports);
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("a returned mail has at least one report");
        }
    }
}
