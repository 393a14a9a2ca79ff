package org.paperboy.bounces;

/**
 * What a returned mail says about one recipient before the reason is decided: the fields Sisimai's
 * per-MTA readers fill in (Sisimai::Lhost, the {@code $e} of each delivery status). Empty strings, never null,
 * except the addresses.
 */
final class Delivery {

    /** The failed address, lower case. */
    String recipient;
    /** The address as originally sent to (Original-Recipient), when given. */
    String alias;
    /** RFC 3464 Action: failed, delayed, delivered, relayed, expanded; or "". */
    String action = "";
    /** The enhanced status code (RFC 3463), or "". */
    String status = "";
    /** The remote server's words. */
    String diagnosis = "";
    /** The type of the diagnostic code: SMTP, X-UNIX, X-POSTFIX, ...; "" when unknown. */
    String spec = "";
    /** The SMTP command the failure answered: CONN, EHLO, HELO, MAIL, RCPT, DATA; or "". */
    String command = "";
    /** A reason the MTA's own wording already decided, or "". */
    String reason = "";
    /** The basic SMTP reply code (550), or "". */
    String replycode = "";
    /** The mail system that wrote the bounce ({@link Mtas}), or "". */
    String mta = "";
    /** The remote host that answered, or "". */
    String rhost = "";

    Delivery(String recipient) {
        this.recipient = recipient;
    }

    Delivery diagnosis(String text) {
        diagnosis = text == null ? "" : text;
        return this;
    }

    Delivery status(String code) {
        status = code == null ? "" : code;
        return this;
    }

    Delivery reason(String r) {
        reason = r == null ? "" : r;
        return this;
    }

    Delivery command(String c) {
        command = c == null ? "" : c;
        return this;
    }

    Delivery action(String a) {
        action = a == null ? "" : a;
        return this;
    }
}
