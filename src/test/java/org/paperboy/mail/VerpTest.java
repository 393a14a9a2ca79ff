package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.paperboy.subscribers.Tokens;

class VerpTest {

    static final String TEMPLATE = "bounces+{verp}@paperboy.test";
    static final Verp VERP = new Verp(TEMPLATE, new Tokens("verp-test-secret-0123456789"));
    static final String ID = MessageIds.create(LocalDate.of(2026, 12, 7), 1234, "paperboy.test");

    @Test
    void aDeliverysEnvelopeSenderNamesItAndReadsBack() {
        String sender = Verp.envelopeSender(TEMPLATE, VERP, ID);
        assertThat(sender).matches("bounces\\+1234-20261207-[a-z2-7]{12}@paperboy\\.test");
        assertThat(sender.substring(0, sender.indexOf('@')).length()).isLessThanOrEqualTo(64);
        assertThat(VERP.read(sender)).contains(new MessageIds.Row(LocalDate.of(2026, 12, 7), 1234));
        assertThat(VERP.read(sender.toUpperCase(Locale.ROOT))).as("a mail system may change the case").isPresent();
        assertThat(VERP.read("=3C" + sender)).as("glued to quoted-printable text").isPresent();
    }

    @Test
    void anythingNotSignedByUsNamesNobody() {
        String sender = Verp.envelopeSender(TEMPLATE, VERP, ID);
        String signature = sender.substring(sender.lastIndexOf('-') + 1, sender.indexOf('@'));
        assertThat(VERP.read("bounces+alice=example.org@paperboy.test")).as("the old unsigned form").isEmpty();
        assertThat(VERP.read(sender.replace("+1234-", "+1235-"))).as("another reader, same signature").isEmpty();
        assertThat(VERP.read(sender.replace("-20261207-", "-20261208-"))).as("another day").isEmpty();
        assertThat(VERP.read(sender.replace(signature, "aaaaaaaaaaaa"))).isEmpty();
        assertThat(VERP.read(sender.replace("@paperboy.test", "@elsewhere.test"))).isEmpty();
        Verp otherSecret = new Verp(TEMPLATE, new Tokens("another-secret-0123456789abc"));
        assertThat(otherSecret.read(sender)).isEmpty();
    }

    @Test
    void mailThatIsNoDeliveryAndTemplatesWithoutVerp() {
        assertThat(Verp.envelopeSender(TEMPLATE, VERP, "confirm-1@paperboy.test")).isEqualTo("bounces+none@paperboy.test");
        assertThat(Verp.envelopeSender(TEMPLATE, null, ID)).isEqualTo("bounces+none@paperboy.test");
        assertThat(Verp.envelopeSender("bounces@paperboy.test", VERP, ID)).isEqualTo("bounces@paperboy.test");
        assertThat(Verp.envelopeSender(null, VERP, ID)).isNull();
        assertThat(new Verp(null, new Tokens("verp-test-secret-0123456789")).read(Verp.envelopeSender(TEMPLATE, VERP, ID))).isEmpty();
    }
}
